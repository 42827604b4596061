#ifndef DEFINES_H_
#define DEFINES_H_

#include "ap_fixed.h"
#include "ap_int.h"
#include "nnet_utils/nnet_types.h"
#include <array>
#include <cstddef>
#include <cstdio>
#include <tuple>
#include <tuple>


// hls-fpga-machine-learning insert numbers

// hls-fpga-machine-learning insert layer-precision
typedef ap_fixed<16,6> input_t;
typedef ap_fixed<37,17> Dense_MatMul_0_accum_t;
typedef ap_fixed<37,17> Dense_MatMul_0_result_t;
typedef ap_fixed<16,6> model_default_t;
typedef ap_uint<1> layer26_index;
typedef ap_fixed<16,6> layer12_t;
typedef ap_fixed<18,8> Relu_0_table_t;
typedef ap_fixed<39,19> Dense_MatMul_1_accum_t;
typedef ap_fixed<39,19> Dense_MatMul_1_result_t;
typedef ap_uint<1> layer27_index;
typedef ap_fixed<16,6> layer15_t;
typedef ap_fixed<18,8> Relu_1_table_t;
typedef ap_fixed<38,18> Dense_MatMul_2_accum_t;
typedef ap_fixed<38,18> Dense_MatMul_2_result_t;
typedef ap_uint<1> layer28_index;
typedef ap_fixed<16,6> layer18_t;
typedef ap_fixed<18,8> Relu_2_table_t;
typedef ap_fixed<38,18> Dense_MatMul_3_accum_t;
typedef ap_fixed<38,18> Dense_MatMul_3_result_t;
typedef ap_uint<1> layer29_index;
typedef ap_fixed<18,8,AP_RND,AP_SAT,0> softmax_0_accum_t;
typedef ap_fixed<16,6> result_t;
typedef ap_fixed<18,8> Softmax_0_table_t;
typedef ap_fixed<18,8,AP_RND,AP_SAT,0> Softmax_0_exp_table_t;
typedef ap_fixed<18,8,AP_RND,AP_SAT,0> Softmax_0_inv_table_t;
typedef ap_fixed<18,8,AP_RND,AP_SAT,0> Softmax_0_inv_inp_t;

// hls-fpga-machine-learning insert emulator-defines


#endif
