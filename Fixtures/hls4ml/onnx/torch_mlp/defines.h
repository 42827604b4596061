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
typedef ap_uint<1> layer20_index;
typedef ap_fixed<16,6> layer10_t;
typedef ap_fixed<18,8> Relu_0_table_t;
typedef ap_fixed<38,18> Dense_MatMul_1_accum_t;
typedef ap_fixed<38,18> Dense_MatMul_1_result_t;
typedef ap_uint<1> layer21_index;
typedef ap_fixed<16,6> layer13_t;
typedef ap_fixed<18,8> Relu_1_table_t;
typedef ap_fixed<36,16> Dense_MatMul_2_accum_t;
typedef ap_fixed<36,16> Dense_MatMul_2_result_t;
typedef ap_uint<1> layer22_index;
typedef ap_fixed<18,8,AP_RND,AP_SAT,0> softmax_0_accum_t;
typedef ap_fixed<16,6> result_t;
typedef ap_fixed<18,8> Softmax_0_table_t;
typedef ap_fixed<18,8,AP_RND,AP_SAT,0> Softmax_0_exp_table_t;
typedef ap_fixed<18,8,AP_RND,AP_SAT,0> Softmax_0_inv_table_t;
typedef ap_fixed<18,8,AP_RND,AP_SAT,0> Softmax_0_inv_inp_t;

// hls-fpga-machine-learning insert emulator-defines


#endif
