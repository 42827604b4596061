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
typedef ap_fixed<33,14> wide_accum_t;
typedef ap_fixed<33,14> wide_result_t;
typedef ap_fixed<12,3> weight2_t;
typedef ap_fixed<12,3> bias2_t;
typedef ap_uint<1> layer2_index;
typedef ap_ufixed<8,3,AP_RND_CONV,AP_SAT,0> layer3_t;
typedef ap_fixed<18,8> wide_quantized_relu_table_t;
typedef ap_fixed<22,10> narrow_accum_t;
typedef ap_fixed<22,10> narrow_result_t;
typedef ap_fixed<8,1> weight4_t;
typedef ap_fixed<8,2> bias4_t;
typedef ap_uint<1> layer4_index;
typedef ap_ufixed<10,4,AP_RND_CONV,AP_SAT,0> layer6_t;
typedef ap_fixed<18,8> act_narrow_table_t;
typedef ap_fixed<19,13> int_weights_accum_t;
typedef ap_fixed<19,13> int_weights_result_t;
typedef ap_int<4> weight7_t;
typedef ap_int<6> bias7_t;
typedef ap_uint<1> layer7_index;
typedef ap_fixed<40,25> output_accum_t;
typedef ap_fixed<40,25> result_t;
typedef ap_fixed<16,7> weight10_t;
typedef ap_fixed<16,7> bias10_t;
typedef ap_uint<1> layer10_index;

// hls-fpga-machine-learning insert emulator-defines


#endif
