// Static-inline getters for HDF5 values that C defines as macros over library globals
// (`H5T_NATIVE_FLOAT` is `(H5OPEN H5T_NATIVE_FLOAT_g)`), which Swift cannot import or, in Swift 6
// mode, touch as global variables. Nothing here has logic beyond reading those values, except the
// error-stack walk, which needs a C callback.
#ifndef HLSPRUNE_CHDF5_SHIM_H
#define HLSPRUNE_CHDF5_SHIM_H

#include <hdf5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline unsigned hdf5_f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned hdf5_f_acc_rdwr(void) { return H5F_ACC_RDWR; }
static inline unsigned hdf5_f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned hdf5_f_acc_excl(void) { return H5F_ACC_EXCL; }

static inline hid_t hdf5_p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t hdf5_p_dataset_create(void) { return H5P_DATASET_CREATE; }

static inline hid_t hdf5_t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t hdf5_t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t hdf5_t_native_int8(void) { return H5T_NATIVE_INT8; }
static inline hid_t hdf5_t_native_int16(void) { return H5T_NATIVE_INT16; }
static inline hid_t hdf5_t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t hdf5_t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t hdf5_t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t hdf5_t_native_uint16(void) { return H5T_NATIVE_UINT16; }
static inline hid_t hdf5_t_native_uint32(void) { return H5T_NATIVE_UINT32; }
static inline hid_t hdf5_t_native_uint64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t hdf5_t_ieee_f32le(void) { return H5T_IEEE_F32LE; }
static inline hid_t hdf5_t_ieee_f64le(void) { return H5T_IEEE_F64LE; }
static inline hid_t hdf5_t_c_s1(void) { return H5T_C_S1; }
static inline size_t hdf5_t_variable(void) { return H5T_VARIABLE; }

/// Turns off HDF5's printing of its error stack to stderr; errors become Swift errors instead.
static inline void hdf5_disable_auto_print(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

typedef struct {
    char *buffer;
    size_t capacity;
    size_t used;
} hdf5_error_text;

static inline herr_t hdf5_error_walk_entry(unsigned n, const H5E_error2_t *entry, void *context) {
    hdf5_error_text *text = (hdf5_error_text *)context;
    if (text->used + 1 >= text->capacity) return 0;
    char minor[128] = "";
    H5Eget_msg(entry->min_num, NULL, minor, sizeof minor);
    int written = snprintf(text->buffer + text->used, text->capacity - text->used, "%s%s: %s (%s)",
                           n == 0 ? "" : "; ", entry->func_name ? entry->func_name : "?",
                           entry->desc ? entry->desc : "", minor);
    if (written > 0) {
        size_t advance = (size_t)written;
        text->used = (text->used + advance < text->capacity) ? text->used + advance : text->capacity - 1;
    }
    return 0;
}

/// Writes the current thread's HDF5 error stack, innermost call first, into `buffer` as one line
/// and clears the stack. Returns the number of characters written.
static inline size_t hdf5_take_error_stack(char *buffer, size_t capacity) {
    if (capacity == 0) return 0;
    buffer[0] = 0;
    hdf5_error_text text = { buffer, capacity, 0 };
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, hdf5_error_walk_entry, &text);
    H5Eclear2(H5E_DEFAULT);
    return text.used;
}

#endif
