#pragma once
// Persistent user settings (QSettings), in one place with typed accessors.
#include <QString>
#include <QStringList>

namespace hrtem::ui::settings {

QString language();              ///< "" = system default
void setLanguage(const QString& language);

QStringList recentFiles();
void addRecentFile(const QString& path); ///< most recent first, at most 10
void clearRecentFiles();

double autoContrastLowPercent();  ///< default 0.5
double autoContrastHighPercent(); ///< default 99.5
void setAutoContrastPercents(double low, double high);

} // namespace hrtem::ui::settings
