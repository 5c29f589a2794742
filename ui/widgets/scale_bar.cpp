#include "ui/widgets/scale_bar.h"

#include "core/util/units.h"

#include <cmath>

namespace hrtem::ui {

ScaleBar chooseScaleBar(double unitsPerScreenPixel, const QString& units, double maxScreenPixels)
{
    ScaleBar bar;
    if (!(unitsPerScreenPixel > 0.0) || !(maxScreenPixels > 0.0) || !std::isfinite(unitsPerScreenPixel))
        return bar;
    const std::string unit = units.toStdString();
    QString shownUnit = units.isEmpty() ? QStringLiteral("px") : units;
    double unitScale = 1.0; // shown units per file unit
    if (const auto metres = metresPerUnit(unit)) {
        std::string readable;
        readableLength(*metres * unitsPerScreenPixel * maxScreenPixels, readable);
        unitScale = *metres / *metresPerUnit(readable);
        shownUnit = QString::fromStdString(readable);
    }
    const double maxLength = unitsPerScreenPixel * maxScreenPixels * unitScale;
    const double length = niceNumberBelow(maxLength);
    bar.lengthPixels = length / (unitsPerScreenPixel * unitScale);
    bar.label = QString::fromStdString(formatNumber(length, 3)) + QLatin1Char(' ') + shownUnit;
    return bar;
}

} // namespace hrtem::ui
