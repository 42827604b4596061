#!/usr/bin/env python3
"""hls4ml 1.3.0's compiled firmware for branched models and activation layers (Keras 3 stack).

Cases like those of `hls4ml_firmware.py` (whose `run_case` writes them to `Fixtures/firmware/<case>/`),
on seeded models this script builds once in `firmware/models/`:

- `merge_mlp.h5`: two Dense branches combined by Add, Subtract, Multiply, Average, Maximum and
  Minimum, the six results concatenated pairwise into the output;
- `concat_shapes.h5`: Concatenate on 2-D and 3-D tensors along each axis (Reshape'd Dense outputs);
- `activation_branches.h5`: one Dense feeding LeakyReLU, ReLU with a negative slope, ReLU with a
  threshold (hls4ml's ThresholdedReLU), ELU, PReLU, hard_sigmoid, softplus, softsign and selu
  layers, an `Activation("leaky_relu")` layer, plus Dense layers with `elu`, `selu` and `leaky_relu`
  activations, all concatenated into the output.

Inputs are the trained jet tagger's validation features (200 rows).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hls4ml_firmware import OUT, keras, layers, model_precision  # noqa: E402
import hls4ml_firmware  # noqa: E402

INPUTS = "trained/jet_trained.val.x.npy"
MERGES = ["add", "subtract", "multiply", "average", "maximum", "minimum"]


def concatenated(tensors, prefix):
    """hls4ml concatenates two tensors at a time: a chain of Concatenate layers."""
    result = tensors[0]
    for index, tensor in enumerate(tensors[1:]):
        result = keras.layers.Concatenate(name=f"{prefix}{index}")([result, tensor])
    return result


def merge_mlp(x):
    a = keras.layers.Dense(12, activation="relu", name="branch_a")(x)
    b = keras.layers.Dense(12, name="branch_b")(x)
    kinds = {"add": keras.layers.Add, "subtract": keras.layers.Subtract, "multiply": keras.layers.Multiply,
             "average": keras.layers.Average, "maximum": keras.layers.Maximum, "minimum": keras.layers.Minimum}
    merged = [kinds[name](name=name)([a, b]) for name in MERGES]
    return concatenated(merged, "cat")


def concat_shapes(x):
    def reshaped(units, shape, name):
        return keras.layers.Reshape(shape, name=f"{name}_shape")(keras.layers.Dense(units, name=name)(x))
    a = reshaped(24, (4, 6), "fc_a")
    last = keras.layers.Concatenate(axis=-1, name="cat2d_last")([a, reshaped(16, (4, 4), "fc_b")])
    first = keras.layers.Concatenate(axis=1, name="cat2d_first")([a, reshaped(12, (2, 6), "fc_c")])
    c = reshaped(24, (2, 2, 6), "fc_d")
    cube_last = keras.layers.Concatenate(axis=3, name="cat3d_last")([c, reshaped(12, (2, 2, 3), "fc_e")])
    cube_middle = keras.layers.Concatenate(axis=-2, name="cat3d_middle")([c, reshaped(12, (2, 1, 6), "fc_f")])
    cube_first = keras.layers.Concatenate(axis=1, name="cat3d_first")([c, reshaped(12, (1, 2, 6), "fc_g")])
    flat = [keras.layers.Flatten(name=f"flat_{t.name.split('/')[0]}")(t) for t in (last, first, cube_last, cube_middle, cube_first)]
    return concatenated(flat, "cat")


def activation_branches(x):
    h = keras.layers.Dense(16, name="hidden")(x)
    branches = [
        keras.layers.LeakyReLU(negative_slope=0.1, name="leaky")(h),
        keras.layers.ReLU(negative_slope=0.25, name="relu_slope")(h),
        keras.layers.ReLU(threshold=0.5, name="relu_threshold")(h),
        keras.layers.ELU(alpha=0.8, name="elu")(h),
        keras.layers.PReLU(alpha_initializer=keras.initializers.RandomUniform(-0.5, 0.6, seed=15), name="prelu")(h),
        keras.layers.Activation("hard_sigmoid", name="hard_sigmoid")(h),
        keras.layers.Activation("softplus", name="softplus")(h),
        keras.layers.Activation("softsign", name="softsign")(h),
        keras.layers.Activation("selu", name="selu")(h),
        keras.layers.Dense(8, activation="elu", name="fc_elu")(x),
        keras.layers.Dense(8, activation="selu", name="fc_selu")(x),
        keras.layers.Activation("leaky_relu", name="leaky_act")(h),
        keras.layers.Dense(8, activation="leaky_relu", name="fc_leaky")(x),
    ]
    return concatenated(branches, "cat")


BUILDERS = {"merge_mlp": merge_mlp, "concat_shapes": concat_shapes, "activation_branches": activation_branches}


def graph_model(name):
    """One of the seeded functional models, written once as `firmware/models/<name>.h5`."""
    path = OUT / "models" / f"{name}.h5"
    if not path.exists():
        keras.utils.set_random_seed(15)
        x = keras.Input((16,), name="features")
        model = keras.Model(x, BUILDERS[name](x), name=name)
        path.parent.mkdir(parents=True, exist_ok=True)
        model.save(path)
    return f"firmware/models/{name}.h5"


NARROW_MERGES = {name: {"Precision": {"result": "fixed<10,4,RND,SAT>"}} for name in MERGES}
ACTIVATION_PARAMS = {
    "leaky": {"Precision": {"param": "fixed<8,1,RND,SAT>"}},
    "relu_threshold": {"Precision": {"param": "ufixed<4,1>"}},
    "elu": {"Precision": {"param": "ufixed<6,1,RND>"}, "table_t": "fixed<12,4,RND,SAT>", "TableSize": 512},
    "softplus": {"table_t": "ufixed<12,4,RND,SAT>", "TableSize": 2048},
    "selu": {"table_t": "fixed<14,3>", "TableSize": 256},
    "hard_sigmoid": {"Precision": {"result": "ufixed<8,0,RND,SAT>"}},
}


def maximum(precision):
    def edit(config):
        config["Model"]["Precision"]["maximum"] = precision
    return edit


CASES = [  # (case, model, granularity, edit)
    ("graph_merges_default", "merge_mlp", "name", None),
    ("graph_merges_model_fixed16_6", "merge_mlp", "model", None),
    ("graph_merges_model_fixed8_3", "merge_mlp", "model", model_precision("fixed<8,3>")),
    ("graph_merges_narrow", "merge_mlp", "name", layers(**NARROW_MERGES)),
    ("graph_merges_maximum", "merge_mlp", "name", maximum("fixed<24,10>")),
    ("graph_concat_default", "concat_shapes", "name", None),
    ("graph_concat_model_fixed16_6", "concat_shapes", "model", None),
    ("graph_activations_default", "activation_branches", "name", None),
    ("graph_activations_model_fixed16_6", "activation_branches", "model", None),
    ("graph_activations_params", "activation_branches", "name", layers(**ACTIVATION_PARAMS)),
]


def main():
    only = set(sys.argv[1:])  # case names to regenerate; all when none are given
    for name, model, granularity, edit in CASES:
        if not only or name in only:
            hls4ml_firmware.run_case(name, graph_model(model), INPUTS, granularity, edit)


if __name__ == "__main__":
    main()
