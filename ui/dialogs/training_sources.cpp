#include "ui/dialogs/training_sources.h"

#include "core/io/float_raw_image.h"
#include "core/io/io_error.h"
#include "core/io/tiff/tiff_writer.h"

#include <opencv2/core.hpp>

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace hrtem::ui {

namespace {

/// "0-2, 5, 7-9" for sorted frames.
std::string ranges(const QVector<int>& frames)
{
    std::string out;
    for (int i = 0; i < frames.size();) {
        int j = i;
        while (j + 1 < frames.size() && frames[j + 1] == frames[j] + 1)
            ++j;
        if (!out.empty())
            out += ", ";
        out += std::to_string(frames[i]) + (j > i ? "-" + std::to_string(frames[j]) : std::string());
        i = j + 1;
    }
    return out;
}

} // namespace

int countMarkedFrames(const std::vector<MarkedSource>& sources, bool high)
{
    int n = 0;
    for (const MarkedSource& s : sources)
        n += (high ? s.high : s.low).size();
    return n;
}

std::string describeMarkedFrames(const std::vector<MarkedSource>& sources, bool high)
{
    std::string out;
    for (const MarkedSource& s : sources) {
        const QVector<int>& frames = high ? s.high : s.low;
        if (frames.isEmpty())
            continue;
        out += (out.empty() ? "" : "; ") + std::string(frames.size() == 1 ? "frame " : "frames ") + ranges(frames) + " of " + s.label.toStdString();
    }
    return out;
}

QString displayMarkedFrames(const std::vector<MarkedSource>& sources, bool high)
{
    QStringList parts;
    for (const MarkedSource& s : sources) {
        const QVector<int>& frames = high ? s.high : s.low;
        if (frames.isEmpty())
            continue;
        const char* text = frames.size() == 1 ? QT_TRANSLATE_NOOP("hrtem::ui::TrainingDialog", "frame %1 of %2")
                                              : QT_TRANSLATE_NOOP("hrtem::ui::TrainingDialog", "frames %1 of %2");
        parts << QCoreApplication::translate("hrtem::ui::TrainingDialog", text).arg(QString::fromStdString(ranges(frames)), s.label);
    }
    return parts.join(QStringLiteral("; "));
}

void writeMarkedFrames(const std::vector<MarkedSource>& sources, bool high, const std::string& folder, const std::atomic<bool>* cancel)
{
    // One folder is one stack: every frame in it must have the same size.
    const MarkedSource* first = nullptr;
    for (const MarkedSource& s : sources) {
        if ((high ? s.high : s.low).isEmpty())
            continue;
        if (first != nullptr && s.frameSize != first->frameSize)
            throw std::invalid_argument("the marked frames differ in size: " + first->label.toStdString() + " is " +
                                        std::to_string(first->frameSize.width()) + " x " + std::to_string(first->frameSize.height()) +
                                        " px, " + s.label.toStdString() + " is " + std::to_string(s.frameSize.width()) + " x " +
                                        std::to_string(s.frameSize.height()) + " px; train on movies of one frame size");
        if (first == nullptr)
            first = &s;
    }
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw IoError(folder, "cannot create the folder: " + ec.message());
    int written = 0;
    for (const MarkedSource& s : sources) {
        const QVector<int>& frames = high ? s.high : s.low;
        if (frames.isEmpty())
            continue;
        const std::shared_ptr<StackReader> stack = s.open();
        TiffWriteOptions options;
        options.x = stack->info().x;
        options.y = stack->info().y;
        for (int frame : frames) {
            throwIfCancelled(cancel);
            const cv::Mat image = stack->readFrame(frame);
            char name[32];
            std::snprintf(name, sizeof name, "frame_%05d.tif", ++written);
            TiffStackWriter writer(folder + "/" + name, image.cols, image.rows, PixelType::Float32, 1, options);
            writer.append(float32RawImage(image));
            writer.finish();
        }
    }
}

} // namespace hrtem::ui
