#include "core/restore/restore.h"

#include "core/io/stack.h"
#include "core/restore/spectral.h"

#include <stdexcept>

namespace hrtem::restore {

RestoreMethod parseRestoreMethod(const std::string& name)
{
    if (name == "none")
        return RestoreMethod::None;
    if (name == "wiener")
        return RestoreMethod::Wiener;
    if (name == "absf")
        return RestoreMethod::Absf;
    if (name == "nlm")
        return RestoreMethod::Nlm;
    if (name == "bm3d")
        return RestoreMethod::Bm3d;
    if (name == "gan")
        return RestoreMethod::Gan;
    throw std::invalid_argument("unknown restoration method '" + name + "' (expected none, wiener, absf, nlm, bm3d or gan)");
}

std::string toString(RestoreMethod method)
{
    switch (method) {
    case RestoreMethod::None:
        return "none";
    case RestoreMethod::Wiener:
        return "wiener";
    case RestoreMethod::Absf:
        return "absf";
    case RestoreMethod::Nlm:
        return "nlm";
    case RestoreMethod::Bm3d:
        return "bm3d";
    case RestoreMethod::Gan:
        return "gan";
    }
    throw std::invalid_argument("toString: invalid RestoreMethod value");
}

cv::Mat restoreFrame(const cv::Mat& frame, RestoreMethod method, const RestoreSettings& settings,
                     const NoiseModel* noise, const std::atomic<bool>* cancel)
{
    detail::requireCounts(frame, "restoreFrame");
    throwIfCancelled(cancel);
    switch (method) {
    case RestoreMethod::None:
        return frame.clone();
    case RestoreMethod::Wiener:
        return wienerFilter(frame, settings.wiener, cancel);
    case RestoreMethod::Absf:
        return absfFilter(frame, settings.absf, cancel);
    case RestoreMethod::Nlm:
    case RestoreMethod::Bm3d: {
        const NoiseModel model = noise != nullptr ? *noise : estimateNoiseModel(frame);
        return method == RestoreMethod::Nlm ? nlmDenoise(frame, model, settings.nlm, cancel)
                                            : bm3dDenoise(frame, model, settings.bm3d, cancel);
    }
    case RestoreMethod::Gan:
        throw std::invalid_argument("restoreFrame: HRTEM-GAN needs its weights loaded: use GanRestorer");
    }
    throw std::invalid_argument("restoreFrame: invalid RestoreMethod value");
}

} // namespace hrtem::restore
