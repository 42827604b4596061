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
typedef ap_fixed<18,8> input_t;
typedef ap_fixed<16,6> model_default_t;
typedef ap_fixed<18,8> layer2_t;
typedef ap_fixed<8,3> weight_default_t;
typedef ap_fixed<10,4> bias_default_t;
typedef ap_uint<1> layer2_index;
typedef ap_fixed<18,8> layer3_t;
typedef ap_fixed<18,8> relu1_table_t;
typedef ap_fixed<18,8> layer4_t;
typedef ap_uint<1> layer4_index;
typedef ap_fixed<18,8> layer5_t;
typedef ap_fixed<18,8> relu2_table_t;
typedef ap_fixed<18,8> layer6_t;
typedef ap_uint<1> layer6_index;
typedef ap_fixed<18,8> layer7_t;
typedef ap_fixed<18,8> relu3_table_t;
typedef ap_fixed<18,8> layer8_t;
typedef ap_uint<1> layer8_index;
typedef ap_fixed<18,8> result_t;
typedef ap_fixed<18,8> softmax_table_t;
typedef ap_fixed<18,8,AP_RND,AP_SAT,0> softmax_exp_table_t;
typedef ap_fixed<18,8,AP_RND,AP_SAT,0> softmax_inv_table_t;
typedef ap_fixed<18,8,AP_RND,AP_SAT,0> softmax_inv_inp_t;

// hls-fpga-machine-learning insert emulator-defines


#endif
