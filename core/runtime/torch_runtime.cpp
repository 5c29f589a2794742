#include "core/runtime/torch_runtime.h"

#include "models/runtime.h"

#include <mutex>

namespace hrtem {

ComputeRuntime computeRuntime()
{
    static std::once_flag configured;
    std::call_once(configured, [] { models::configureThreads(0); });
    const models::RuntimeInfo info = models::runtimeInfo();
    return {models::describe(info), info.cudaAvailable, info.cpuThreads};
}

} // namespace hrtem
