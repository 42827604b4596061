#!/usr/bin/env python3
"""hls4ml 1.3.0's compiled firmware on convolutional models: the oracle of the Firmware emulation's
Conv1D/Conv2D, pooling, ZeroPadding and UpSampling stages.

Writes `Fixtures/firmware/<case>/` exactly as `hls4ml_firmware.py` does (its `run_case`), for the
repository's `conv1d` model and small seeded models of its own, saved with seeded float inputs in
`Fixtures/firmware/models/`:

- `cnn2d_small.h5`: Conv2D → relu → MaxPooling2D → Conv2D (same padding, no bias, half its weights
  zero) → AveragePooling2D (same padding, so edge windows divide by fewer values) → Flatten → Dense → softmax;
- `conv1d_small.h5`: Conv1D (same padding, stride 2) → relu → MaxPooling1D (same padding) →
  Conv1D 1×1 → AveragePooling1D → GlobalMaxPooling1D → Dense → softmax;
- `pad_up2d.h5`: ZeroPadding2D → Conv2D → UpSampling2D → Conv2D (stride 2) → GlobalAveragePooling2D →
  Dense, and `gmax2d.h5`: Conv2D → GlobalMaxPooling2D → Dense;
- `conv_bn2d.h5`: Conv2D → BatchNormalization (folded) → Conv2D → relu → BatchNormalization (on its own)
  → Flatten → Dense, and `conv1d_causal.h5`: two Conv1D with causal padding, the second strided;
- `dw2d.h5`: DepthwiseConv2D (same padding) → relu → 1×1 Conv2D → MaxPooling2D → Flatten → Dense.

The first five models run at hls4ml's name-granularity defaults, at a model-level fixed<16,6>, with
the Resource strategy at reuse factors above 1, and with saturating, rounding narrow accumulators;
cnn2d_small also with the last two together, conv1d_small with an unsigned type into its
`same`-padded max pooling and with ParallelizationFactors, conv1d with result types configured on
ZeroPadding and UpSampling (which hls4ml ignores); conv_bn2d and conv1d_causal at two settings
each, dw2d at three (no Resource: hls4ml's io_parallel depthwise kernel asserts Latency).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hls4ml_firmware import OUT, OUTPUT_16_6, ROOT, both, layers, run_case  # noqa: E402  (sets the Keras backend first)

import numpy as np  # noqa: E402
import keras  # noqa: E402
from hls4ml.backends import get_backend  # noqa: E402

INPUT_ROWS = 100
SAT_ACCUM = {"accum": "fixed<14,4,RND,SAT>", "result": "fixed<16,6>"}
SAT_POOL = {"accum": "fixed<12,4,RND,SAT>"}


def build(name):
    L = keras.layers
    if name == "cnn2d_small":
        shape = (10, 10, 2)
        body = [L.Conv2D(4, 3, activation="relu", name="conv1"), L.MaxPooling2D(2, name="pool1"),
                L.Conv2D(6, 3, padding="same", use_bias=False, name="conv2"),
                L.AveragePooling2D(2, padding="same", name="avg2"), L.Flatten(name="flat"),
                L.Dense(5, activation="softmax", name="out")]
    elif name == "conv1d_small":
        shape = (40, 3)
        body = [L.Conv1D(6, 5, strides=2, padding="same", activation="relu", name="conv1"),
                L.MaxPooling1D(3, strides=2, padding="same", name="pool1"), L.Conv1D(4, 1, name="pointwise"),
                L.AveragePooling1D(2, name="avg"), L.GlobalMaxPooling1D(name="gmax"),
                L.Dense(3, activation="softmax", name="out")]
    elif name == "pad_up2d":
        shape = (6, 6, 2)
        body = [L.ZeroPadding2D(((1, 0), (2, 1)), name="pad"), L.Conv2D(4, 3, activation="relu", name="conv1"),
                L.UpSampling2D((2, 1), name="up"), L.Conv2D(3, 2, strides=2, name="conv2"),
                L.GlobalAveragePooling2D(name="gavg"), L.Dense(3, name="out")]
    elif name == "conv_bn2d":
        shape = (8, 8, 2)
        body = [L.Conv2D(4, 3, name="conv1"), L.BatchNormalization(name="bn1"),
                L.Conv2D(4, 3, activation="relu", name="conv2"), L.BatchNormalization(name="bn2"),
                L.Flatten(name="flat"), L.Dense(3, name="out")]
    elif name == "conv1d_causal":
        shape = (16, 2)
        body = [L.Conv1D(4, 3, padding="causal", activation="relu", name="conv1"),
                L.Conv1D(3, 2, strides=2, padding="causal", name="conv2"), L.Flatten(name="flat"), L.Dense(2, name="out")]
    elif name == "dw2d":
        shape = (8, 8, 3)
        body = [L.DepthwiseConv2D(3, padding="same", activation="relu", name="dw"), L.Conv2D(4, 1, name="pw"),
                L.MaxPooling2D(2, name="pool"), L.Flatten(name="flat"), L.Dense(3, name="out")]
    else:  # gmax2d
        shape = (7, 7, 3)
        body = [L.Conv2D(5, 3, strides=2, padding="same", activation="relu", name="conv1"),
                L.GlobalMaxPooling2D(name="gmax"), L.Dense(3, name="out")]
    keras.utils.set_random_seed(15)
    model = keras.Sequential([keras.Input(shape, name="image")] + body, name=name)
    if name == "cnn2d_small":  # pruned: every other weight of conv2 zero
        kernel = model.get_layer("conv2").get_weights()[0]
        kernel.reshape(-1)[::2] = 0
        model.get_layer("conv2").set_weights([kernel])
    for layer in model.layers:  # batch normalizations with statistics of their own
        if isinstance(layer, L.BatchNormalization):
            rng = np.random.default_rng(len(layer.name))
            size = layer.get_weights()[0].shape
            layer.set_weights([rng.uniform(0.5, 1.5, size), rng.normal(0, 0.5, size), rng.normal(0, 0.5, size),
                               rng.uniform(0.5, 2, size)])
    x = np.random.default_rng(15).normal(0, 1.5, size=(INPUT_ROWS,) + shape)
    return model, x


def own(name):
    """The model `firmware/models/<name>.h5` and its inputs `<name>.x.npy`, written once."""
    path = OUT / "models" / f"{name}.h5"
    inputs = OUT / "models" / f"{name}.x.npy"
    if not path.exists() or not inputs.exists():
        model, x = build(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        model.save(path)
        np.save(inputs, x)
    return f"firmware/models/{name}.h5", f"firmware/models/{name}.x.npy"


def resource(target):
    """Resource strategy; every Dense and convolution at the largest reuse factor up to `target`
    that hls4ml accepts and that its convolution kernels allow (at most the inputs per output)."""
    def edit(config, model):
        config["Model"]["Strategy"] = "Resource"
        backend = get_backend("Vitis")
        for layer in model.layers:
            weights = layer.get_weights()
            if not weights or layer.name not in config["LayerName"]:
                continue
            n_in, n_out = int(np.prod(weights[0].shape[:-1])), int(weights[0].shape[-1])
            valid = [rf for rf in backend.get_valid_reuse_factors(n_in, n_out) if rf <= min(target, n_in)]
            config["LayerName"][layer.name]["ReuseFactor"] = max(valid)
    return edit


def model_fixed16_6(config, model):
    config["Model"]["Precision"] = {"default": "fixed<16,6>"}


def saturating(config, model):
    """Narrow saturating accumulators for every Dense/convolution and average pooling."""
    for layer in model.layers:
        if layer.get_weights():
            layers(**{layer.name: {"Precision": SAT_ACCUM}})(config)
        elif isinstance(layer, (keras.layers.AveragePooling1D, keras.layers.AveragePooling2D)):
            layers(**{layer.name: {"Precision": SAT_POOL}})(config)


def with_model(edit):
    """Adapts an edit that needs the Keras model to run_case's one-argument edits."""
    def bind(model_file):
        model = keras.models.load_model(ROOT / model_file, compile=False)
        return lambda config: edit(config, model)
    return bind


def cases():
    models = {"conv1d": ("models/conv1d.keras", "models/conv1d.x.npy")}
    for name in ("cnn2d_small", "conv1d_small", "pad_up2d", "gmax2d"):
        models[name] = own(name)
    # At name granularity the softmax reads the last Dense's inferred ~40-bit type through 10 address
    # bits and outputs a constant, so the defaults give that Dense a fixed<16,6> result (as
    # hls4ml_firmware.py does) where a softmax follows.
    softmax_input = layers(out=OUTPUT_16_6)
    variants = [("default", "name", None), ("model_fixed16_6", "model", None),
                ("resource", "name", with_model(resource(4))), ("sat_accum", "name", with_model(saturating))]
    for model, (model_file, inputs_file) in models.items():
        has_softmax = model in ("conv1d", "cnn2d_small", "conv1d_small")
        for variant, granularity, edit in variants:
            edits = ([edit(model_file)] if edit else []) + ([softmax_input] if has_softmax and granularity == "name" else [])
            yield f"cnn_{model}_{variant}", model_file, inputs_file, granularity, both(*edits) if edits else None
    # Saturating accumulators under Resource: the reuse-factor order of the additions matters.
    model_file, inputs_file = models["cnn2d_small"]
    sat_resource = both(with_model(saturating)(model_file), with_model(resource(6))(model_file), softmax_input)
    yield "cnn_cnn2d_small_sat_accum_resource", model_file, inputs_file, "name", sat_resource
    # An unsigned input to a max pooling with `same` padding: hls4ml pads with the type's top bit
    # (pad_val), which for an unsigned type is half its range, not its minimum.
    model_file, inputs_file = models["conv1d_small"]
    unsigned = both(softmax_input, layers(conv1_relu={"Precision": {"result": "ufixed<10,4>"}}))
    yield "cnn_conv1d_small_unsigned_max_padding", model_file, inputs_file, "name", unsigned
    # BatchNormalization after a convolution: folded into it (name granularity: conv1's result is auto)
    # or on its own (after conv2's split relu; everywhere at model granularity).
    model_file, inputs_file = own("conv_bn2d")
    yield "cnn_conv_bn2d_default", model_file, inputs_file, "name", None
    yield "cnn_conv_bn2d_model_fixed16_6", model_file, inputs_file, "model", None
    # Causal padding (all of it before the sequence), with a stride.
    model_file, inputs_file = own("conv1d_causal")
    yield "cnn_conv1d_causal_default", model_file, inputs_file, "name", None
    yield "cnn_conv1d_causal_resource", model_file, inputs_file, "name", with_model(resource(4))(model_file)
    # ParallelizationFactor groups output pixels per partition and changes no value; at the full
    # output width a 1×1 Latency Conv1D becomes hls4ml's BatchedDenseForConv1D kernel.
    model_file, inputs_file = models["conv1d_small"]
    parallel = both(softmax_input, layers(conv1={"ParallelizationFactor": 4}, pointwise={"ParallelizationFactor": 10}))
    yield "cnn_conv1d_small_parallelization", model_file, inputs_file, "name", parallel
    # DepthwiseConv2D (depth multiplier 1; hls4ml's io_parallel kernel has no Resource form).
    model_file, inputs_file = own("dw2d")
    yield "cnn_dw2d_default", model_file, inputs_file, "name", None
    yield "cnn_dw2d_model_fixed16_6", model_file, inputs_file, "model", None
    yield "cnn_dw2d_sat_accum", model_file, inputs_file, "name", with_model(saturating)(model_file)
    # Configured result types on ZeroPadding and UpSampling: hls4ml gives both the input's type anyway.
    model_file, inputs_file = models["conv1d"]
    narrow = {"Precision": {"result": "fixed<8,3>"}}
    yield "cnn_conv1d_copy_result_types", model_file, inputs_file, "name", both(softmax_input, layers(up=narrow, pad=narrow))
    # The repository's global_pooling2d model: GlobalMax and GlobalAverage pooling concatenated.
    model_file, inputs_file = "models/global_pooling2d.keras", "models/global_pooling2d.x.npy"
    yield "cnn_global_pooling2d_default", model_file, inputs_file, "name", None
    yield "cnn_global_pooling2d_model_fixed16_6", model_file, inputs_file, "model", None


def main():
    only = set(sys.argv[1:])  # case names to regenerate; all when none are given
    for case in cases():
        if not only or case[0] in only:
            run_case(*case)


if __name__ == "__main__":
    main()
