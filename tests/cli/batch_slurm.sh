#!/usr/bin/env bash
# Issue 33, bar 1: a real single-node SLURM (munged, slurmctld and slurmd on this machine, from
# a generated slurm.conf) runs hrtem batch --slurm over three simulated movies, one of them
# sharded into two; every result must equal the single-process hrtem analyze byte for byte
# (summary.json but for timings and command lines). Skipped (exit 77), saying why, where SLURM
# is not installed or cannot start (it needs root for its daemons here).
set -euo pipefail
hrtem=$1
skip() { echo "SKIPPED: $*"; exit 77; }
for tool in munged slurmctld slurmd sbatch squeue sinfo; do
  command -v "$tool" > /dev/null || [ -x "/usr/sbin/$tool" ] || skip "$tool is not installed (Debian: slurm-wlm, munge)"
done
[ "$(id -u)" -eq 0 ] || skip "starting munged, slurmctld and slurmd as this test does needs root"
export PATH="$PATH:/usr/sbin"

work=$(mktemp -d /tmp/hrtem_slurm.XXXXXX)
cluster="$work/cluster"
mkdir -p "$cluster"/{state,spool,log,munge}
chmod 755 "$work" "$cluster"
cleanup() {
  for pid in "$cluster"/slurmd.pid "$cluster"/slurmctld.pid "$cluster"/munge/munged.pid; do
    [ -f "$pid" ] && kill "$(cat "$pid")" 2> /dev/null || true
  done
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT

# munge with a key and socket of its own, so that a munged already running is not disturbed.
dd if=/dev/urandom of="$cluster/munge/munge.key" bs=1 count=1024 status=none
chmod 600 "$cluster/munge/munge.key"
munged --force --key-file="$cluster/munge/munge.key" --socket="$cluster/munge/munge.socket" \
       --pid-file="$cluster/munge/munged.pid" --log-file="$cluster/munge/munged.log" \
       --seed-file="$cluster/munge/munged.seed" || skip "munged does not start: $(tail -2 "$cluster/munge/munged.log" 2>/dev/null)"

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
host=$(hostname -s)
cpus=$(nproc)
memory=$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
cat > "$cluster/slurm.conf" <<CONF
ClusterName=hrtemtest
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$cluster/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$cluster/state
SlurmdSpoolDir=$cluster/spool
SlurmctldPidFile=$cluster/slurmctld.pid
SlurmdPidFile=$cluster/slurmd.pid
SlurmctldPort=$(port)
SlurmdPort=$(port)
SlurmctldLogFile=$cluster/log/slurmctld.log
SlurmdLogFile=$cluster/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=hrtem Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$cluster/slurm.conf"
slurmctld -f "$SLURM_CONF" || skip "slurmctld does not start: $(tail -3 "$cluster/log/slurmctld.log" 2>/dev/null)"
slurmd -f "$SLURM_CONF" || skip "slurmd does not start: $(tail -3 "$cluster/log/slurmd.log" 2>/dev/null)"
for _ in $(seq 1 30); do
  sinfo -h -o %t 2> /dev/null | grep -q idle && break
  sleep 1
done
sinfo -h -o %t | grep -q idle || skip "the SLURM node does not come up: $(tail -3 "$cluster/log/slurmd.log")"
# A probe job: a cluster that takes jobs but cannot run them is the machine's limit, not ours.
probe=$(sbatch --parsable --output="$cluster/probe.txt" --wrap "echo ran") || skip "sbatch refuses a job"
for _ in $(seq 1 60); do
  [ -s "$cluster/probe.txt" ] && break
  sleep 1
done
[ -s "$cluster/probe.txt" ] || skip "SLURM takes jobs but runs none (probe job $probe): $(tail -3 "$cluster/log/slurmd.log")"

# Three movies: the demo (40 frames, sharded into two by --shard-frames 20) and two short ones.
"$hrtem" simulate --preset demo --out "$work/demo" > /dev/null 2>&1
"$hrtem" simulate --preset demo --seed 5 --frames 12 --size 256 --out "$work/m2" > /dev/null 2>&1
"$hrtem" simulate --preset demo --seed 6 --frames 10 --size 256 --out "$work/m3" > /dev/null 2>&1
mkdir -p "$work/movies"
cp "$work/demo/movie.tif" "$work/movies/demo.tif"
cp "$work/m2/movie.tif" "$work/movies/second.tif"
cp "$work/m3/movie.tif" "$work/movies/third.tif"
"$hrtem" batch --inputs "$work/movies/*.tif" --out "$work/batch" --slurm --shard-frames 20 --cpus 1 --partition hrtem
grep -q -- "--array=0-3" "$work/batch/slurm/analyze.sbatch" || { echo "expected 4 array tasks"; cat "$work/batch/slurm/analyze.sbatch"; exit 1; }

for _ in $(seq 1 300); do
  [ -z "$(squeue -h 2> /dev/null)" ] && [ -f "$work/batch/batch.csv" ] && break
  sleep 1
done
[ -f "$work/batch/batch.csv" ] || { echo "the merge job wrote no batch.csv"; squeue; cat "$work/batch/logs/"*.log; exit 1; }
"$hrtem" batch --status "$work/batch"
[ "$(grep -c ',done,' "$work/batch/batch.csv")" -eq 3 ] || { cat "$work/batch/batch.csv"; cat "$work/batch/logs/"*.log; exit 1; }
[ -d "$work/batch/demo/shards/2" ] || { echo "the demo was not sharded"; exit 1; }

source "$(dirname "$0")/same_results.sh"
for movie in demo second third; do
  "$hrtem" analyze "$work/movies/$movie.tif" --out "$work/single/$movie" --quiet > /dev/null
  same_results "$work/single/$movie" "$work/batch/$movie"
done
echo "hrtem batch --slurm: 3 movies (one in 2 shards) equal the single-process analysis"
