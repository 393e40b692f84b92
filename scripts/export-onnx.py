#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Export torchvision models to ONNX, without weights (a few KB per file).

    /usr/bin/python3 scripts/export-onnx.py [--only NAME ...]

Run by hand (Debian's python3-torch 1.13, python3-torchvision 0.14, python3-onnx 1.12), not
by the tests; the files it writes are committed:

- test/data/onnx/<zoo>.onnx: the six zoo models of scenarios/models/*.json, which the tests
  compare with the JSON files (parameters, MACs, task graphs);
- scenarios/models/<name>.onnx: networks not in the zoo, usable in scenarios;
- test/data/onnx/tiny.onnx (a small network with SiLU, squeeze-and-excitation, a residual
  add and a linear layer: the tools' tests and the fuzz seeds) and
  test/data/onnx/unsupported-op.onnx (a convolution followed by an LRN, which the reader does
  not support: its error message is tested); test/data/onnx/tiny-vit.onnx and
  tiny-vit-opset16.onnx, one torchvision VisionTransformer (32x32 input, patches of 16, one
  block of 2 heads, 8 features, MLP 16, 2 classes) at opset 17 (LayerNormalization) and 16
  (layer normalisation decomposed into ReduceMean, Sub, Pow, ... Add);
- test/reference/onnx-models.json: for those, the parameter count torchvision documents
  (the num_params of its weight metadata, also on its model documentation page) and the
  multiply-accumulates of every Conv2d and Linear layer, counted here by forward hooks on
  the torch modules (independently of the ONNX reader), plus the sum of p.numel(). For
  ViT-B/16 the count adds each nn.MultiheadAttention's products, which run inside its forward
  rather than as Linear modules: the input projection L*E*3E, Q.K^T and attention.V
  heads*L*L*head_dim each, the output projection L*E*E (L tokens, E features); the sum is
  what torchvision documents as GFLOPS (17.56 for ViT-B/16).

Export settings: eval mode, TrainingMode.PRESERVE (so that batch normalisation is kept as
BatchNormalization rather than folded into the convolution's weights, and dropout vanishes
as at inference), export_params=False, opset 17, input 1x3x224x224 with a dynamic batch
dimension.
"""
import argparse
import json
import os
import sys

import torch
import torchvision

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

ZOO = {
    "alexnet": lambda: torchvision.models.alexnet(weights=None),
    "vgg16": lambda: torchvision.models.vgg16(weights=None),
    "resnet18": lambda: torchvision.models.resnet18(weights=None),
    "resnet50": lambda: torchvision.models.resnet50(weights=None),
    # The zoo's GoogLeNet has no auxiliary heads and no input transform (as the JSON file).
    "googlenet": lambda: torchvision.models.googlenet(
        weights=None, aux_logits=False, transform_input=False, init_weights=False),
    "mobilenet_v2": lambda: torchvision.models.mobilenet_v2(weights=None),
}

# name -> (constructor, the weights enum whose metadata documents num_params).
OTHERS = {
    "squeezenet1_1": (lambda: torchvision.models.squeezenet1_1(weights=None),
                      "SqueezeNet1_1_Weights"),
    "mnasnet1_0": (lambda: torchvision.models.mnasnet1_0(weights=None), "MNASNet1_0_Weights"),
    "efficientnet_b0": (lambda: torchvision.models.efficientnet_b0(weights=None),
                        "EfficientNet_B0_Weights"),
    "shufflenet_v2_x1_0": (lambda: torchvision.models.shufflenet_v2_x1_0(weights=None),
                           "ShuffleNet_V2_X1_0_Weights"),
    "mobilenet_v3_large": (lambda: torchvision.models.mobilenet_v3_large(weights=None),
                           "MobileNet_V3_Large_Weights"),
    "regnet_y_400mf": (lambda: torchvision.models.regnet_y_400mf(weights=None),
                       "RegNet_Y_400MF_Weights"),
    "densenet121": (lambda: torchvision.models.densenet121(weights=None),
                    "DenseNet121_Weights"),
    "vit_b_16": (lambda: torchvision.models.vit_b_16(weights=None), "ViT_B_16_Weights"),
}

# GFLOPS as torchvision's model pages list them (its weight metadata carries them only from
# 0.15 on): https://pytorch.org/vision/stable/models/generated/torchvision.models.vit_b_16.html
# gives 17.56 for ViT-B/16, torchvision's count of multiply-accumulates (conv, linear and the
# attention products), which conv_linear_macs reproduces.
DOCUMENTED_GFLOPS = {"vit_b_16": 17.56}


def export(model, path):
    model.eval()
    x = torch.zeros(1, 3, 224, 224)
    torch.onnx.export(model, x, path, export_params=False, opset_version=17,
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=True,
                      input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    print(f"{os.path.relpath(path, ROOT)}: {os.path.getsize(path)} bytes")


class Tiny(torch.nn.Module):
    """conv-bn-SiLU, a squeeze-and-excitation scale, a residual add, pool, flatten, linear."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn = torch.nn.BatchNorm2d(8)
        self.act = torch.nn.SiLU()
        self.se = torch.nn.Sequential(torch.nn.AdaptiveAvgPool2d(1), torch.nn.Conv2d(8, 4, 1),
                                      torch.nn.ReLU(), torch.nn.Conv2d(4, 8, 1),
                                      torch.nn.Sigmoid())
        self.conv2 = torch.nn.Conv2d(8, 8, 3, padding=1, groups=8)
        self.pool = torch.nn.MaxPool2d(2, ceil_mode=True)
        self.fc = torch.nn.Linear(8 * 8 * 8, 10)

    def forward(self, x):
        x = self.act(self.bn(self.conv(x)))
        x = x * self.se(x)
        x = x + self.conv2(x)
        return self.fc(torch.flatten(self.pool(x), 1))


def write_test_files():
    import onnx
    from onnx import TensorProto, helper
    path = os.path.join(ROOT, "test/data/onnx")
    model = Tiny()
    model.eval()
    x = torch.zeros(1, 3, 15, 15)
    torch.onnx.export(model, x, os.path.join(path, "tiny.onnx"), export_params=False,
                      opset_version=17, training=torch.onnx.TrainingMode.PRESERVE,
                      input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    graph = helper.make_graph(
        [helper.make_node("Conv", ["input", "w"], ["c"], name="/conv/Conv", pads=[1, 1, 1, 1]),
         helper.make_node("LRN", ["c"], ["output"], name="/lrn/LRN", size=3)],
        "unsupported",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, 8, 8]),
         helper.make_tensor_value_info("w", TensorProto.FLOAT, [4, 3, 3, 3])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 4, 8, 8])])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]),
              os.path.join(path, "unsupported-op.onnx"))
    vit = torchvision.models.vision_transformer.VisionTransformer(
        image_size=32, patch_size=16, num_layers=1, num_heads=2, hidden_dim=8, mlp_dim=16,
        num_classes=2)
    vit.eval()
    for opset, suffix in ((17, ""), (16, "-opset16")):
        torch.onnx.export(vit, torch.zeros(1, 3, 32, 32),
                          os.path.join(path, "tiny-vit" + suffix + ".onnx"), export_params=False,
                          opset_version=opset, training=torch.onnx.TrainingMode.PRESERVE,
                          do_constant_folding=True, input_names=["input"],
                          output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})


def count_macs(model):
    """MACs of every Conv2d and Linear (one MAC per weight use), by forward hooks, and of
    every nn.MultiheadAttention (projections and both attention products)."""
    total = [0]

    def attention_hook(module, inputs, output):
        # torchvision passes the query by keyword: take the sizes from the output, which has
        # the query's shape.
        result = output[0]
        tokens = result.shape[1] if module.batch_first else result.shape[0]
        batch = result.numel() // (tokens * module.embed_dim)
        e = module.embed_dim
        head_dim = e // module.num_heads
        projections = tokens * e * 3 * e + tokens * e * e
        products = 2 * module.num_heads * tokens * tokens * head_dim
        total[0] += batch * (projections + products)

    def conv_hook(module, inputs, output):
        per_output = (module.in_channels // module.groups) * module.kernel_size[0] * \
            module.kernel_size[1]
        total[0] += output.numel() * per_output

    def linear_hook(module, inputs, output):
        total[0] += (output.numel() // module.out_features) * module.in_features * \
            module.out_features

    for m in model.modules():
        if isinstance(m, torch.nn.Conv2d):
            m.register_forward_hook(conv_hook)
        elif isinstance(m, torch.nn.MultiheadAttention):
            m.register_forward_hook(attention_hook)
        elif isinstance(m, torch.nn.Linear):
            # nn.MultiheadAttention's out_proj is a Linear it never calls as a module: its
            # hook does not fire, and the attention hook counts it.
            m.register_forward_hook(linear_hook)
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 3, 224, 224))
    return total[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="names to export (default: all)")
    args = parser.parse_args()
    torch.manual_seed(0)
    os.makedirs(os.path.join(ROOT, "test/data/onnx"), exist_ok=True)
    if not args.only or "tiny" in args.only:
        write_test_files()
    for name, make in ZOO.items():
        if not args.only or name in args.only:
            export(make(), os.path.join(ROOT, "test/data/onnx", name + ".onnx"))
    reference_path = os.path.join(ROOT, "test/reference/onnx-models.json")
    reference = {"models": {}}
    if os.path.exists(reference_path):
        with open(reference_path) as f:
            reference = json.load(f)
    reference["source"] = (
        "params_documented: num_params of the torchvision 0.14 weight metadata "
        "(torchvision.models.<X>_Weights.IMAGENET1K_V1.meta['num_params'], also listed at "
        "https://pytorch.org/vision/0.14/models.html); params_counted: sum of p.numel() over "
        "model.parameters(); conv_linear_macs: multiply-accumulates of every Conv2d and Linear "
        "(and, for ViT, of each nn.MultiheadAttention: input projection L*E*3E, Q.K^T and "
        "attention.V heads*L*L*head_dim each, output projection L*E*E) counted by forward "
        "hooks on a 1x3x224x224 input, by scripts/export-onnx.py (torch 1.13, torchvision "
        "0.14); gflops_documented: GFLOPS of torchvision's model page (https://pytorch.org/"
        "vision/stable/models/generated/torchvision.models.vit_b_16.html), its count of "
        "multiply-accumulates")
    for name, (make, weights) in OTHERS.items():
        if args.only and name not in args.only:
            continue
        model = make()
        export(model, os.path.join(ROOT, "scenarios/models", name + ".onnx"))
        documented = getattr(torchvision.models, weights).IMAGENET1K_V1.meta["num_params"]
        counted = sum(p.numel() for p in model.parameters())
        macs = count_macs(make())
        reference["models"][name] = {"params_documented": documented, "params_counted": counted,
                                     "conv_linear_macs": macs}
        if name in DOCUMENTED_GFLOPS:
            reference["models"][name]["gflops_documented"] = DOCUMENTED_GFLOPS[name]
        print(f"{name}: params documented {documented}, counted {counted}; MACs {macs}")
    with open(reference_path, "w") as f:
        json.dump(reference, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
