// The GAN training dialog on the CPU with tiny networks: frames marked H/L in a simulated
// movie train to a weights file with live losses and a preview; stopping and bad sources end
// cleanly with a message.
#include "tests/support/qt_wait.h"
#include "core/io/stack.h"
#include "core/sim/simulation.h"
#include "ui/dialogs/training_dialog.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPushButton>
#include <QTemporaryDir>

#include <memory>

using namespace hrtem;
using namespace hrtem::ui;

namespace {

std::shared_ptr<StackReader> smallMovie()
{
    sim::SimulationSettings s = sim::preset("demo");
    s.width = s.height = 128;
    s.frames = 6;
    return std::shared_ptr<StackReader>(sim::makeSimulatedStack(s).release());
}

/// Networks and patches small enough that a step takes milliseconds on a CPU.
nlohmann::json tinyOptions()
{
    return nlohmann::json::parse(R"({
        "generator": {"base_channels": 4, "levels": 2, "vit_layers": 1, "vit_heads": 2},
        "discriminator": {"base_channels": 4, "layers": 2},
        "cf_probes": 8, "patch_size": 32, "batch_size": 2})");
}

struct Result {
    int count = 0;
    bool ok = false;
    QString message;
};

void record(TrainingDialog& dialog, Result& result)
{
    QObject::connect(&dialog, &TrainingDialog::finished, [&result](bool ok, const QString& message) {
        ++result.count;
        result.ok = ok;
        result.message = message;
    });
}

} // namespace

TEST_CASE("the training dialog trains on marked frames without blocking the window", "[ui][training]")
{
    QTemporaryDir out;
    REQUIRE(out.isValid());
    const QString weights = out.filePath(QStringLiteral("gan.safetensors"));
    TrainingDialog dialog;
    Result result;
    record(dialog, result);
    QString requested;
    QObject::connect(&dialog, &TrainingDialog::useWeightsRequested, [&](const QString& path) { requested = path; });
    dialog.setMarkedFrames(smallMovie(), {0, 1, 2}, {3, 4, 5});
    dialog.setSteps(20);
    dialog.setOutputPath(weights);
    dialog.setDevice(QStringLiteral("cpu"));
    dialog.setOptions(tinyOptions());
    dialog.show();

    dialog.start();
    CHECK(dialog.isRunning());
    dialog.start(); // a second start while running is ignored
    REQUIRE(test::waitUntil([&] { return !dialog.isRunning(); }, 120000));
    INFO(result.message.toStdString());
    CHECK(result.count == 1);
    CHECK(result.ok);
    CHECK(dialog.lossPointCount() > 0);
    CHECK_FALSE(dialog.previewImage().isNull());
    CHECK(dialog.previewImage().width() > dialog.previewImage().height()); // two patches side by side
    CHECK(dialog.weightsPath() == weights);
    CHECK(QFileInfo(weights).exists());
    CHECK(QFileInfo(weights).size() > 0);

    // "Use these weights" hands the file on.
    for (QPushButton* button : dialog.findChildren<QPushButton*>())
        if (button->text() == QStringLiteral("Use these weights")) {
            CHECK(button->isEnabled());
            button->click();
        }
    CHECK(requested == weights);
}

TEST_CASE("stopping the training right after it starts ends it quickly", "[ui][training]")
{
    QTemporaryDir out;
    REQUIRE(out.isValid());
    TrainingDialog dialog;
    Result result;
    record(dialog, result);
    dialog.setMarkedFrames(smallMovie(), {0, 1, 2}, {3, 4, 5});
    dialog.setSteps(100000);
    dialog.setOutputPath(out.filePath(QStringLiteral("stopped.safetensors")));
    dialog.setDevice(QStringLiteral("cpu"));
    dialog.setOptions(tinyOptions());
    dialog.start();
    REQUIRE(dialog.isRunning());
    dialog.cancel();
    REQUIRE(test::waitUntil([&] { return !dialog.isRunning(); }, 15000));
    CHECK(result.count == 1);
    CHECK_FALSE(result.ok);

    // Stopped once it has learnt a little: the weights so far are saved and can be used.
    dialog.start();
    REQUIRE(test::waitUntil([&] { return dialog.lossPointCount() > 0; }, 60000));
    dialog.cancel();
    REQUIRE(test::waitUntil([&] { return !dialog.isRunning(); }, 15000));
    CHECK(result.count == 2);
    CHECK_FALSE(result.ok);
    CHECK(result.message.contains(dialog.weightsPath()));
    CHECK(QFileInfo(dialog.weightsPath()).size() > 0);
    bool usable = false;
    for (QPushButton* button : dialog.findChildren<QPushButton*>())
        if (button->text() == QStringLiteral("Use these weights"))
            usable = button->isEnabled();
    CHECK(usable);

    // Closing (or destroying) the dialog while it trains cancels and waits for the worker.
    auto closing = std::make_unique<TrainingDialog>();
    closing->setMarkedFrames(smallMovie(), {0, 1, 2}, {3, 4, 5});
    closing->setSteps(100000);
    closing->setOutputPath(out.filePath(QStringLiteral("closed.safetensors")));
    closing->setDevice(QStringLiteral("cpu"));
    closing->setOptions(tinyOptions());
    closing->show();
    closing->start();
    QElapsedTimer timer;
    timer.start();
    closing->close();
    closing.reset();
    // 100000 steps would take hours: a close that returns at all has cancelled the worker. The bound is
    // loose on purpose (a loaded CI machine); speed belongs to the benchmarks, not to the tests.
    CHECK(timer.elapsed() < 120000);
}

TEST_CASE("a missing source file fails with a message naming it", "[ui][training]")
{
    QTemporaryDir out;
    REQUIRE(out.isValid());
    const QString missing = out.filePath(QStringLiteral("no_such_movie.tif"));
    TrainingDialog dialog;
    Result result;
    record(dialog, result);
    dialog.setSources(missing, missing);
    dialog.setSteps(5);
    dialog.setOutputPath(out.filePath(QStringLiteral("never.safetensors")));
    dialog.setDevice(QStringLiteral("cpu"));
    dialog.setOptions(tinyOptions());
    dialog.start();
    REQUIRE(test::waitUntil([&] { return !dialog.isRunning(); }, 15000));
    CHECK(result.count == 1);
    CHECK_FALSE(result.ok);
    CHECK(result.message.contains(missing));
    CHECK_FALSE(QFileInfo::exists(out.filePath(QStringLiteral("never.safetensors"))));

    // Nothing chosen at all: refused at once, with a message.
    TrainingDialog empty;
    Result none;
    record(empty, none);
    empty.setSources(QString(), QString());
    empty.start();
    CHECK_FALSE(empty.isRunning());
    CHECK(none.count == 1);
    CHECK_FALSE(none.ok);
    CHECK_FALSE(none.message.isEmpty());
}
