#pragma once
// What `hrtem evaluate-restoration --figures DIR` leaves in DIR, read back for the window's
// evaluation view (issue 34): the scores (evaluation.json), the t-SNE map of the patches of the
// high-quality reference and of each method (tsne.csv), and each method's mean Hann-windowed log
// spectrum (spectra.tif, pages named by spectra.csv). The window shows what the CLI computed:
// scoring against ground truth stays in core/evaluate, which the window does not link.
#include <nlohmann/json.hpp>
#include <opencv2/core/mat.hpp>

#include <string>
#include <vector>

namespace hrtem::ui {

struct EvaluationFolder {
    struct MapPoint {
        std::string set; ///< "high-quality reference" or a method
        double x = 0, y = 0;
    };
    struct Spectrum {
        std::string method;
        cv::Mat image; ///< CV_32F, the mean log power, zero frequency at the centre
    };
    std::string folder;
    nlohmann::json scores; ///< evaluation.json as written (methods[], frames, counts_per_pixel, ...)
    std::vector<MapPoint> map;
    std::vector<Spectrum> spectra;

    /// The sets of the map in the order they first appear.
    std::vector<std::string> mapSets() const;
};

/// Throws IoError naming the file that is missing or damaged.
EvaluationFolder readEvaluationFolder(const std::string& folder);

} // namespace hrtem::ui
