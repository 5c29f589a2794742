#include "core/restore/frame_restorer.h"


namespace hrtem::restore {

namespace {

/// The classical filters of restore.h: stateless, so one object serves every thread.
class ClassicalRestorer final : public FrameRestorer {
public:
    ClassicalRestorer(RestoreMethod method, const RestoreSettings& settings) : mMethod(method), mSettings(settings) {}
    std::string name() const override { return toString(mMethod); }
    cv::Mat restore(const cv::Mat& counts, const NoiseModel* noise, const std::atomic<bool>* cancel) override
    {
        return restoreFrame(counts, mMethod, mSettings, noise, cancel);
    }
    bool changesFrames() const override { return mMethod != RestoreMethod::None; }

private:
    RestoreMethod mMethod;
    RestoreSettings mSettings;
};

/// HRTEM-GAN: the weights are loaded once, when the restorer is made.
class GanFrameRestorer final : public FrameRestorer {
public:
    explicit GanFrameRestorer(const GanRestoreSettings& settings) : mGan(settings) {}
    std::string name() const override { return toString(RestoreMethod::Gan); }
    cv::Mat restore(const cv::Mat& counts, const NoiseModel*, const std::atomic<bool>* cancel) override
    {
        return mGan.restore(counts, cancel);
    }
    RestorerModel model() const override { return {mGan.weightsPath(), mGan.weightsSha256(), mGan.description()}; }
    std::vector<std::string> takeMessages() override { return mGan.takeMessages(); }

private:
    GanRestorer mGan;
};

} // namespace

std::unique_ptr<FrameRestorer> makeFrameRestorer(const std::string& method, const RestorerOptions& options)
{
    const RestoreMethod m = parseRestoreMethod(method);
    if (m == RestoreMethod::Gan)
        return std::make_unique<GanFrameRestorer>(options.gan);
    return std::make_unique<ClassicalRestorer>(m, options.classical);
}

} // namespace hrtem::restore
