#include "ui/document/analysis_command.h"

#include "core/result/setting_descriptions.h"

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

} // namespace

QString analyzeCommandLine(const AnalysisSettings& settings, const QString& input, const QString& outDir)
{
    QStringList parts = {QStringLiteral("hrtem"), QStringLiteral("analyze"), shellQuoted(input), QStringLiteral("--out"),
                         shellQuoted(outDir)};
    // Every setting has its flag (setting_descriptions.h); those at their default are left out.
    for (const SettingDescription& d : analysisSettingDescriptions()) {
        const nlohmann::json value = d.get(settings);
        if (value != d.defaultValue())
            parts << QStringLiteral("--") + QString::fromStdString(d.flag)
                  << shellQuoted(QString::fromStdString(settingValueText(value)));
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace hrtem::ui
