#!/usr/bin/env python3
"""Strict, standard-library-only safetensors reader used by the tests as an independent check of
the C++ writer. It applies the checks of the reference (Rust) reader and prints a JSON summary
{name: {"dtype", "shape", "sum"}} (sum only for F32/F64/I32/I64, else null), or an error on
stderr with exit code 1.

If the `safetensors` package is importable it also opens the file with it and compares names,
shapes and sums; that part is skipped silently when the package is absent (Debian ships none).

Usage: read_safetensors.py FILE
"""
import json
import math
import os
import struct
import sys

MAX_HEADER_BYTES = 100_000_000

BITS = {
    "BOOL": 8, "U8": 8, "I8": 8, "I16": 16, "U16": 16, "F16": 16, "BF16": 16, "I32": 32, "U32": 32,
    "F32": 32, "F64": 64, "I64": 64, "U64": 64, "C64": 64, "F8_E5M2": 8, "F8_E4M3": 8, "F8_E8M0": 8,
    "F8_E4M3FNUZ": 8, "F8_E5M2FNUZ": 8, "F4": 4, "F6_E2M3": 6, "F6_E3M2": 6,
}
SUMMED = {"F32": "f", "F64": "d", "I32": "i", "I64": "q"}


class Invalid(Exception):
    pass


def reject_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise Invalid(f'header has the key "{key}" twice')
        seen[key] = value
    return seen


def non_negative_int(value, what):
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise Invalid(f"{what} must hold non-negative integers, found {value!r}")
    return value


def parse(data):
    if len(data) < 8:
        raise Invalid(f"truncated: {len(data)} bytes, fewer than the 8-byte header length field")
    (n,) = struct.unpack("<Q", data[:8])
    if n > MAX_HEADER_BYTES:
        raise Invalid(f"header length {n} exceeds {MAX_HEADER_BYTES}")
    if n > len(data) - 8:
        raise Invalid(f"truncated: header says {n} bytes but the file has {len(data) - 8}")
    try:
        text = data[8:8 + n].decode("utf-8")
    except UnicodeDecodeError as e:
        raise Invalid(f"header is not UTF-8: {e}")

    def no_constants(name):
        raise Invalid(f"header JSON contains {name}")

    try:
        header = json.loads(text, object_pairs_hook=reject_duplicates, parse_constant=no_constants)
    except json.JSONDecodeError as e:
        raise Invalid(f"header is not valid JSON: {e}")
    if not isinstance(header, dict):
        raise Invalid("header is not a JSON object")

    metadata = header.pop("__metadata__", None)
    if metadata is not None:
        if not isinstance(metadata, dict):
            raise Invalid("__metadata__ is not an object")
        for key, value in metadata.items():
            if not isinstance(value, str):
                raise Invalid(f'__metadata__ value of "{key}" is not a string')

    entries = []
    for name, info in header.items():
        if not isinstance(info, dict):
            raise Invalid(f'tensor "{name}" is not an object')
        for field in ("dtype", "shape", "data_offsets"):
            if field not in info:
                raise Invalid(f'tensor "{name}" has no {field}')
        dtype = info["dtype"]
        if not isinstance(dtype, str) or dtype not in BITS:
            raise Invalid(f'tensor "{name}": unknown dtype {dtype!r}')
        shape = info["shape"]
        if not isinstance(shape, list):
            raise Invalid(f'tensor "{name}": shape is not a list')
        shape = [non_negative_int(d, f'tensor "{name}" shape') for d in shape]
        offsets = info["data_offsets"]
        if not isinstance(offsets, list) or len(offsets) != 2:
            raise Invalid(f'tensor "{name}": data_offsets is not [begin, end]')
        begin, end = (non_negative_int(o, f'tensor "{name}" data_offsets') for o in offsets)
        entries.append((begin, end, name, dtype, shape))

    entries.sort(key=lambda e: (e[0], e[1]))
    buffer_bytes = len(data) - 8 - n
    position = 0
    for begin, end, name, dtype, shape in entries:
        if end < begin:
            raise Invalid(f'tensor "{name}": data_offsets end before they begin')
        if begin != position:
            kind = "gap" if begin > position else "overlap"
            raise Invalid(f'{kind}: tensor "{name}" starts at {begin}, expected {position}')
        bits = BITS[dtype] * math.prod(shape)
        if bits % 8:
            raise Invalid(f'tensor "{name}" does not fill whole bytes')
        if end - begin != bits // 8:
            raise Invalid(f'tensor "{name}" needs {bits // 8} bytes but spans {end - begin}')
        position = end
    if position != buffer_bytes:
        raise Invalid(f"tensors end at data byte {position} but the data buffer has {buffer_bytes} bytes")

    summary = {}
    base = 8 + n
    for begin, end, name, dtype, shape in entries:
        total = None
        if dtype in SUMMED:
            count = math.prod(shape)
            values = struct.unpack(f"<{count}{SUMMED[dtype]}", data[base + begin:base + end])
            total = float(math.fsum(values)) if dtype in ("F32", "F64") else int(sum(values))
        summary[name] = {"dtype": dtype, "shape": shape, "sum": total}
    return summary, metadata or {}


def compare_with_package(path, summary):
    """Optional cross-check against the real `safetensors` package."""
    try:
        from safetensors import safe_open
    except ImportError:
        return
    try:
        handle = safe_open(path, framework="pt")
    except Exception:  # torch may be missing where safetensors is present
        try:
            handle = safe_open(path, framework="numpy")
        except Exception:
            return
    with handle as f:
        names = set(f.keys())
        if names != set(summary):
            raise Invalid(f"safetensors package sees tensors {sorted(names)}, this reader {sorted(summary)}")
        for name in names:
            try:
                tensor = f.get_tensor(name)
            except Exception:  # e.g. BF16 has no numpy dtype
                continue
            if list(tensor.shape) != summary[name]["shape"]:
                raise Invalid(f'safetensors package gives shape {list(tensor.shape)} for "{name}"')
            if summary[name]["sum"] is not None:
                other = float(tensor.sum()) if hasattr(tensor, "sum") else None
                mine = float(summary[name]["sum"])
                if other is not None and abs(other - mine) > 1e-3 * max(1.0, abs(mine)):
                    raise Invalid(f'safetensors package gives sum {other} for "{name}", this reader {mine}')


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[1]
    try:
        with open(path, "rb") as f:
            data = f.read()
        summary, _ = parse(data)
        compare_with_package(path, summary)
    except (Invalid, OSError) as e:
        print(f"{os.path.basename(path)}: {e}", file=sys.stderr)
        return 1
    json.dump(summary, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
