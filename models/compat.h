#pragma once
// The one place that knows LibTorch 1.13 (Debian) from 2.x (PyTorch wheels).
// Everything version-dependent goes through a macro or wrapper here.
#include <torch/version.h>

#define HRTEM_TORCH_AT_LEAST(major, minor) \
    (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))
