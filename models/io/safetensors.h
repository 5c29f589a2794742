#pragma once
// Reading and writing safetensors files, the project's weight and checkpoint format: an 8-byte
// little-endian header length, a JSON header, then the raw tensor bytes. The format carries no
// code and no LibTorch version, so files move between LibTorch 1.13 and 2.x unchanged and Python
// can read them with the `safetensors` package. Format: github.com/huggingface/safetensors.
#include <torch/torch.h>

#include <map>
#include <stdexcept>
#include <string>

namespace hrtem::models {

/// The contents of one safetensors file: named tensors plus the string->string "__metadata__".
struct TensorFile {
    std::map<std::string, torch::Tensor> tensors;
    std::map<std::string, std::string> metadata;
};

/// Any problem with a safetensors file. The message starts with the file's path and says what is
/// wrong, e.g. "w.safetensors: truncated: header says 1234 bytes but the file has 100 after the
/// length field".
class SafetensorsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Writes `file` to `path`. Tensors are copied to contiguous CPU memory first. Supported dtypes:
/// F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL. The write is atomic: the data goes to
/// "<path>.tmp-<pid>", which is renamed over `path` only once complete, so `path` is either the
/// old file or the complete new one. Throws SafetensorsError (and leaves no temporary file) on
/// an unsupported dtype or an I/O failure.
void writeSafetensors(const std::string& path, const TensorFile& file);

/// Reads a safetensors file into CPU tensors, applying every check of the reference (Rust)
/// reader: header length within the file and at most 100,000,000 bytes, a UTF-8 JSON object
/// without duplicate keys, known dtypes, non-negative shapes, tensor byte ranges that tile the
/// data buffer exactly (no gaps, overlaps or trailing bytes), string-valued metadata.
/// Throws SafetensorsError naming the file and the problem.
TensorFile readSafetensors(const std::string& path);

} // namespace hrtem::models
