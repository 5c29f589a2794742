#pragma once
// Result folders compared as the CLI writes them: every CSV and the TrackMate XML byte for
// byte, summary.json without what depends on the run's time and place; and running the CLI.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace hrtem::test {

inline const char* const kResultFiles[] = {"atoms.csv",  "trajectories.csv",    "frames.csv",          "events.csv",
                                    "tracks.csv", "twin_boundaries.csv", "tracks.trackmate.xml"};

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// summary.json without what depends on the run's time and place.
inline nlohmann::json comparableSummary(const QString& path)
{
    nlohmann::json j = nlohmann::json::parse(readAll(path).toStdString());
    for (const char* key : {"timings_s", "command_line", "exported_by"})
        j.erase(key);
    if (j.contains("input"))
        j["input"].erase("path");
    return j;
}

/// Runs `program` with `arguments` to the end (offscreen), returning its exit code.
inline int runProgram(const QString& program, const QStringList& arguments, QString* output = nullptr)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(300000))
        return -1;
    if (output != nullptr)
        *output = QString::fromLocal8Bit(process.readAll());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

inline void requireSameResultFiles(const QString& mine, const QString& cli)
{
    for (const char* name : kResultFiles) {
        INFO(name);
        const QByteArray a = readAll(QDir(mine).filePath(QLatin1String(name)));
        const QByteArray b = readAll(QDir(cli).filePath(QLatin1String(name)));
        REQUIRE_FALSE(b.isEmpty());
        CHECK(a == b);
    }
    CHECK(comparableSummary(QDir(mine).filePath(QStringLiteral("summary.json")))
          == comparableSummary(QDir(cli).filePath(QStringLiteral("summary.json"))));
}

} // namespace hrtem::test
