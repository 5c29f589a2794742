#include "core/demo/demo_stack.h"

#include "core/util/units.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstring>
#include <random>

namespace hrtem {
namespace {

constexpr double kLatticeA_nm = 0.4078; // gold, fcc

class DemoStack : public StackReader {
public:
    explicit DemoStack(const DemoSettings& s) : mSettings(s)
    {
        mInfo.path = "demo";
        mInfo.format = "Demo";
        mInfo.formatDetail = "generated: Au nanoparticle along [110] on amorphous carbon";
        mInfo.width = s.width;
        mInfo.height = s.height;
        mInfo.frameCount = s.frames;
        mInfo.pixelType = PixelType::Float32;
        mInfo.x = AxisCalibration("x", s.pixelSize_nm, 0.0, "nm");
        mInfo.y = AxisCalibration("y", s.pixelSize_nm, 0.0, "nm");
        mInfo.frames = AxisCalibration("t", s.frameInterval_s, 0.0, "s");
        mInfo.frameInterval_s = s.frameInterval_s;
        mInfo.imageName = "HRTEM Studio demo movie";
        mInfo.metadata = {{"Specimen", "Au nanoparticle, [110] zone axis"},
                          {"Dose (counts/px)", formatNumber(s.dose)},
                          {"Seed", std::to_string(s.seed)}};
        mInfo.imagesInFile.push_back({0, mInfo.imageName, ImageEntry::Kind::Image,
                                      {static_cast<std::uint64_t>(s.width), static_cast<std::uint64_t>(s.height),
                                       static_cast<std::uint64_t>(s.frames)},
                                      "float32", {}});
        buildSpecimen();
    }

protected:
    RawImage readRawUnlocked(int frame) override
    {
        const DemoSettings& s = mSettings;
        // Slow drift of the whole specimen, in pixels.
        const double dx = 0.25 * frame, dy = 0.12 * frame;
        cv::Mat ideal(s.height, s.width, CV_32F);
        cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, dx, 0, 1, dy);
        cv::warpAffine(mSupport, ideal, shift, ideal.size(), cv::INTER_LINEAR, cv::BORDER_REFLECT);

        std::vector<cv::Point2d> columns = mColumns;
        // The adatom hops to the next surface site every 6 frames.
        columns.push_back(mAdatomSites[static_cast<std::size_t>(frame / 6) % mAdatomSites.size()]);
        const double sigma = 0.055 / s.pixelSize_nm;
        const int reach = static_cast<int>(std::ceil(4 * sigma));
        for (const cv::Point2d& c0 : columns) {
            const cv::Point2d c(c0.x + dx, c0.y + dy);
            for (int y = std::max(0, int(c.y) - reach); y <= std::min(s.height - 1, int(c.y) + reach); ++y)
                for (int x = std::max(0, int(c.x) - reach); x <= std::min(s.width - 1, int(c.x) + reach); ++x) {
                    const double r2 = (x - c.x) * (x - c.x) + (y - c.y) * (y - c.y);
                    ideal.at<float>(y, x) -= static_cast<float>(0.45 * std::exp(-r2 / (2 * sigma * sigma)));
                }
        }
        std::mt19937_64 rng(s.seed * 1000003ULL + static_cast<std::uint64_t>(frame));
        RawImage raw(PixelType::Float32, s.width, s.height);
        auto* out = reinterpret_cast<float*>(raw.data());
        for (int i = 0; i < s.width * s.height; ++i) {
            const double mean = std::max(0.0, static_cast<double>(ideal.at<float>(i / s.width, i % s.width))) * s.dose;
            out[i] = static_cast<float>(std::poisson_distribution<int>(mean)(rng));
        }
        return raw;
    }

private:
    void buildSpecimen()
    {
        const DemoSettings& s = mSettings;
        std::mt19937_64 rng(s.seed);
        // Amorphous carbon: band-limited random texture of a few percent contrast; vacuum above it.
        cv::Mat noise(s.height, s.width, CV_32F);
        std::normal_distribution<float> gauss(0.0F, 1.0F);
        for (int i = 0; i < s.width * s.height; ++i)
            noise.at<float>(i / s.width, i % s.width) = gauss(rng);
        cv::GaussianBlur(noise, noise, cv::Size(0, 0), 0.08 / s.pixelSize_nm);
        cv::normalize(noise, noise, -0.06, 0.06, cv::NORM_MINMAX);
        mSupport = cv::Mat(s.height, s.width, CV_32F);
        for (int y = 0; y < s.height; ++y)
            for (int x = 0; x < s.width; ++x) {
                const bool carbon = y > s.height * 0.22 + 6.0 * std::sin(x * 0.05);
                mSupport.at<float>(y, x) = carbon ? 0.9F + noise.at<float>(y, x) : 1.0F;
            }

        // [110] projection of fcc: a centred rectangular net, a along x and a/sqrt(2) along y.
        const double ax = kLatticeA_nm / s.pixelSize_nm;
        const double ay = kLatticeA_nm / std::sqrt(2.0) / s.pixelSize_nm;
        const cv::Point2d centre(s.width * 0.5, s.height * 0.55);
        const double radius = 0.3 * std::min(s.width, s.height);
        auto inside = [&](const cv::Point2d& p) {
            // Faceted outline: a hexagon-like polygon (intersection of half-planes).
            const cv::Point2d d = p - centre;
            for (double angle : {0.0, 54.7, 125.3, 180.0, 234.7, 305.3}) {
                const double a = angle * CV_PI / 180.0;
                if (d.x * std::cos(a) + d.y * std::sin(a) > radius)
                    return false;
            }
            return true;
        };
        for (int j = -40; j <= 40; ++j)
            for (int i = -40; i <= 40; ++i)
                for (int b = 0; b < 2; ++b) {
                    const cv::Point2d p(centre.x + (i + 0.5 * b) * ax, centre.y + (j + 0.5 * b) * ay);
                    if (inside(p))
                        mColumns.push_back(p);
                }
        // Adatom sites just outside the top facet.
        for (int k = -2; k <= 2; ++k)
            mAdatomSites.emplace_back(centre.x + k * ax * 0.5, centre.y - radius - 0.5 * ay);
    }

    DemoSettings mSettings;
    cv::Mat mSupport;
    std::vector<cv::Point2d> mColumns;
    std::vector<cv::Point2d> mAdatomSites;
};

} // namespace

std::unique_ptr<StackReader> makeDemoStack(const DemoSettings& settings)
{
    return std::make_unique<DemoStack>(settings);
}

} // namespace hrtem
