#!/usr/bin/env python3
"""Checks that Sources/ONNXProto/onnx.proto declares exactly the messages, fields (numbers, labels,
types, packing, oneofs) and enums of the onnx Python package's schema (onnx_ml_pb2).

usage: protoc --descriptor_set_out=ours.pb -I Sources/ONNXProto Sources/ONNXProto/onnx.proto
       .venv-fixtures/bin/python Scripts/check-onnx-proto.py ours.pb
"""
import sys

from google.protobuf import descriptor_pb2
from onnx import onnx_ml_pb2


def entries(messages, prefix=""):
    out = {}
    for message in messages:
        for field in message.field:
            packed = field.options.packed if field.options.HasField("packed") else None
            oneof = field.oneof_index if field.HasField("oneof_index") else None
            out[f"{prefix}{message.name}.{field.name}"] = (field.number, field.label, field.type,
                                                            field.type_name.split(".")[-1], packed, oneof)
        out.update(entries(message.nested_type, f"{prefix}{message.name}."))
        for enum in message.enum_type:
            out[f"{prefix}{message.name}.{enum.name}"] = [(v.name, v.number) for v in enum.value]
    return out


def schema(file):
    out = entries(file.message_type)
    for enum in file.enum_type:
        out[enum.name] = [(v.name, v.number) for v in enum.value]
    return out


def main(path):
    ours = descriptor_pb2.FileDescriptorSet()
    with open(path, "rb") as handle:
        ours.ParseFromString(handle.read())
    theirs = descriptor_pb2.FileDescriptorProto()
    onnx_ml_pb2.DESCRIPTOR.CopyToProto(theirs)
    a, b = schema(ours.file[0]), schema(theirs)
    problems = [f"only in ours: {k}" for k in sorted(set(a) - set(b))] + [f"only in onnx: {k}" for k in sorted(set(b) - set(a))]
    problems += [f"differs: {k}: {a[k]} vs {b[k]}" for k in sorted(set(a) & set(b)) if a[k] != b[k]]
    print("\n".join(problems) or f"onnx.proto matches onnx's schema ({len(a)} fields and enums)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(sys.argv[1])
