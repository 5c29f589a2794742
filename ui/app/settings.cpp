#include "ui/app/settings.h"

#include <QDir>
#include <QSettings>

namespace hrtem::ui::settings {

namespace {
constexpr int kMaxRecent = 10;
}

QString language() { return QSettings().value(QStringLiteral("language")).toString(); }
void setLanguage(const QString& language) { QSettings().setValue(QStringLiteral("language"), language); }

QStringList recentFiles() { return QSettings().value(QStringLiteral("recentFiles")).toStringList(); }

void addRecentFile(const QString& path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecent)
        files.removeLast();
    QSettings().setValue(QStringLiteral("recentFiles"), files);
}

void clearRecentFiles() { QSettings().remove(QStringLiteral("recentFiles")); }

double autoContrastLowPercent() { return QSettings().value(QStringLiteral("contrast/lowPercent"), 0.5).toDouble(); }
double autoContrastHighPercent() { return QSettings().value(QStringLiteral("contrast/highPercent"), 99.5).toDouble(); }
void setAutoContrastPercents(double low, double high)
{
    QSettings s;
    s.setValue(QStringLiteral("contrast/lowPercent"), low);
    s.setValue(QStringLiteral("contrast/highPercent"), high);
}

QString lastFolder(const QString& kind)
{
    return QSettings().value(QStringLiteral("folders/") + kind, QDir::homePath()).toString();
}

void setLastFolder(const QString& kind, const QString& folder) { QSettings().setValue(QStringLiteral("folders/") + kind, folder); }

QString overlayChoices() { return QSettings().value(QStringLiteral("overlays/choices")).toString(); }
void setOverlayChoices(const QString& json) { QSettings().setValue(QStringLiteral("overlays/choices"), json); }

} // namespace hrtem::ui::settings
