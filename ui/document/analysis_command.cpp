#include "ui/document/analysis_command.h"

#include <nlohmann/json.hpp>

#include <QStringList>

namespace hrtem::ui {

namespace {

/// Single-quoted for a POSIX shell unless it is plainly safe.
QString shellQuoted(const QString& text)
{
    static const QString safe = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=,+@%");
    bool plain = !text.isEmpty();
    for (const QChar c : text)
        plain = plain && safe.contains(c);
    if (plain)
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

/// The keys of `value` that differ from `reference`, recursing into objects; null when none.
nlohmann::json differences(const nlohmann::json& value, const nlohmann::json& reference)
{
    if (!value.is_object() || !reference.is_object())
        return value == reference ? nlohmann::json() : value;
    nlohmann::json out = nlohmann::json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
        const auto ref = reference.find(it.key());
        const nlohmann::json d = ref == reference.end() ? it.value() : differences(it.value(), *ref);
        if (!d.is_null())
            out[it.key()] = d;
    }
    return out.empty() ? nlohmann::json() : out;
}

} // namespace

QString analyzeCommandLine(const AnalysisSettings& settings, const QString& input, const QString& outDir)
{
    const AnalysisSettings defaults;
    QStringList parts = {QStringLiteral("hrtem"), QStringLiteral("analyze"), shellQuoted(input), QStringLiteral("--out"),
                         shellQuoted(outDir)};
    if (settings.restore != defaults.restore)
        parts << QStringLiteral("--restore") << shellQuoted(QString::fromStdString(settings.restore));
    if (!settings.ganWeights.empty())
        parts << QStringLiteral("--weights") << shellQuoted(QString::fromStdString(settings.ganWeights));
    if (settings.device != defaults.device)
        parts << QStringLiteral("--device") << shellQuoted(QString::fromStdString(settings.device));
    if (settings.firstFrame != defaults.firstFrame || settings.endFrame != defaults.endFrame)
        parts << QStringLiteral("--frames")
              << QStringLiteral("%1:%2").arg(settings.firstFrame).arg(settings.endFrame < 0 ? QString() : QString::number(settings.endFrame));
    if (settings.threads != defaults.threads)
        parts << QStringLiteral("--threads") << QString::number(settings.threads);
    if (settings.structure != defaults.structure)
        parts << QStringLiteral("--structure") << shellQuoted(QString::fromStdString(settings.structure));

    // What the flags carry is taken out; the rest goes into an inline config file.
    nlohmann::json rest = differences(toJson(settings), toJson(defaults));
    if (rest.is_object())
        for (const char* key : {"restore", "gan_weights", "device", "first_frame", "end_frame", "threads", "structure"})
            rest.erase(key);
    if (rest.is_object() && !rest.empty())
        parts << QStringLiteral("--config") << QStringLiteral("<(echo %1)").arg(shellQuoted(QString::fromStdString(rest.dump())));
    return parts.join(QLatin1Char(' '));
}

} // namespace hrtem::ui
