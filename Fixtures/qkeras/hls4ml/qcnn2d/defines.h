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
typedef ap_fixed<28,13> conv1_accum_t;
typedef ap_fixed<28,13> conv1_result_t;
typedef ap_fixed<6,1> weight2_t;
typedef ap_fixed<6,1> bias2_t;
typedef ap_ufixed<6,2,AP_RND_CONV,AP_SAT,0> layer4_t;
typedef ap_fixed<18,8> relu1_table_t;
typedef ap_ufixed<6,2,AP_RND_CONV,AP_SAT,0> pool1_accum_t;
typedef ap_ufixed<6,2,AP_RND_CONV,AP_SAT,0> layer5_t;
typedef ap_fixed<21,9> conv2_accum_t;
typedef ap_fixed<21,9> conv2_result_t;
typedef ap_fixed<10,2> weight6_t;
typedef ap_fixed<10,2> bias6_t;
typedef ap_ufixed<8,2,AP_RND_CONV,AP_SAT,0> layer7_t;
typedef ap_fixed<18,8> conv2_quantized_relu_table_t;
typedef ap_fixed<23,10> output_accum_t;
typedef ap_fixed<23,10> result_t;
typedef ap_fixed<8,1> weight9_t;
typedef ap_fixed<8,1> bias9_t;
typedef ap_uint<1> layer9_index;

// hls-fpga-machine-learning insert emulator-defines


#endif
