#pragma once
// The one place that knows LibTorch 1.13 (Debian) from 2.x (PyTorch wheels).
// Everything version-dependent goes through a macro or wrapper here.
#include <torch/version.h>

#define HRTEM_TORCH_AT_LEAST(major, minor) \
    (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

// ---- Optimizer state map (used by models/io/module_weights.cpp) -------------------------------
// torch::optim::Optimizer::state() is keyed by the parameter's TensorImpl: LibTorch 1.13 uses the
// pointer printed as a std::string, 2.x the pointer itself (void*). The key type is read off the
// map itself, so the code follows whichever LibTorch it is compiled against without a version test.
#include <torch/optim/optimizer.h>

#include <sstream>
#include <string>
#include <type_traits>

namespace hrtem::models::compat {

/// The key under which `optimizer.state()` holds the state of `parameter`.
template <typename StateMap>
typename StateMap::key_type optimizerStateKey(const StateMap&, const torch::Tensor& parameter)
{
    using Key = typename StateMap::key_type;
    if constexpr (std::is_same_v<Key, std::string>) {
        // Same text as c10::guts::to_string(TensorImpl*), which streams the pointer.
        std::ostringstream text;
        text << static_cast<const void*>(parameter.unsafeGetTensorImpl());
        return text.str();
    } else {
        return static_cast<Key>(parameter.unsafeGetTensorImpl());
    }
}

} // namespace hrtem::models::compat

// ---- bf16 autocast on CUDA (used by training and restoration) ----------------------------------
// LibTorch 2.4 replaced the CUDA-only setters (set_enabled, set_autocast_gpu_dtype) by ones that
// take the device type. Autocast state is thread-local: the guard belongs in the thread that runs
// the network. (The 2.x branch is checked on the GPU machine, which has a 2.x LibTorch.)
#include <ATen/autocast_mode.h>
#include <c10/core/Device.h>

namespace hrtem::models {

/// RAII: bf16 autocast on while alive, when `enabled` and `device` is CUDA (the CPU path stays
/// float32). FFTs must still be cast to float32 by the code that calls them.
class AutocastGuard {
public:
    AutocastGuard(const c10::Device& device, bool enabled) : mActive(enabled && device.is_cuda())
    {
        if (!mActive)
            return;
#if HRTEM_TORCH_AT_LEAST(2, 4)
        mWasEnabled = at::autocast::is_autocast_enabled(at::kCUDA);
        mPreviousType = at::autocast::get_autocast_dtype(at::kCUDA);
        at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
        at::autocast::set_autocast_enabled(at::kCUDA, true);
#else
        mWasEnabled = at::autocast::is_enabled();
        mPreviousType = at::autocast::get_autocast_gpu_dtype();
        at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
        at::autocast::set_enabled(true);
#endif
        at::autocast::increment_nesting();
    }
    ~AutocastGuard()
    {
        if (!mActive)
            return;
        // As Python's context manager: the cast cache lives until the outermost region ends.
        if (at::autocast::decrement_nesting() == 0)
            at::autocast::clear_cache();
#if HRTEM_TORCH_AT_LEAST(2, 4)
        at::autocast::set_autocast_enabled(at::kCUDA, mWasEnabled);
        at::autocast::set_autocast_dtype(at::kCUDA, mPreviousType);
#else
        at::autocast::set_enabled(mWasEnabled);
        at::autocast::set_autocast_gpu_dtype(mPreviousType);
#endif
    }
    AutocastGuard(const AutocastGuard&) = delete;
    AutocastGuard& operator=(const AutocastGuard&) = delete;

private:
    bool mActive;
    bool mWasEnabled = false;
    at::ScalarType mPreviousType = at::kBFloat16;
};

} // namespace hrtem::models
