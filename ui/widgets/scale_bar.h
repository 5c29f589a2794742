#pragma once
#include <QString>

namespace hrtem::ui {

struct ScaleBar {
    double lengthPixels = 0.0; ///< on screen
    QString label;             ///< e.g. "2 nm", "500 pm", "5 1/nm", "50 px"
};

/// A bar of a round length (1, 2 or 5 x 10^k in a readable unit) no longer than
/// `maxScreenPixels`. `unitsPerScreenPixel` is the physical size of one screen pixel in `units`;
/// lengths are re-expressed in pm/nm/µm/mm where that reads better; an empty unit means pixels.
ScaleBar chooseScaleBar(double unitsPerScreenPixel, const QString& units, double maxScreenPixels);

} // namespace hrtem::ui
