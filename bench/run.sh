#!/usr/bin/env bash
# Measures accommodate on this machine, in one run: cold 'letter' and 'verify' (medians of whole
# processes, through bin/accommodate and plain java -jar), a batch of 1,000 letters, 'verify' over
# those letters, and the same signing done by a peer, poppler's 'pdfsig -add-signature' (NSS),
# over the same unsigned letters. Prints a table and writes bench/results.md.
# Needs poppler-utils and libnss3-tools (certutil, pk12util); the row of letters with Japanese names
# also needs fonts-ipafont-gothic and is left out without it.
set -euo pipefail
# Fail at once rather than after ten minutes of measuring.
for tool in pdfsig certutil pk12util; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool: apt-get install -y poppler-utils libnss3-tools" >&2; exit 2; }
done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
N=${N:-1000}
PEER_N=${PEER_N:-100}
mvn -B -q -DskipTests package
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
JAR="$ROOT/target/accommodate.jar"
RUN="$ROOT/bin/accommodate"
cd "$WORK"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2==1) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# A failing command still yields its time (the figures table says what it measured).
seconds() { { /usr/bin/time -f "%e" "$@" 2>&1 >/dev/null || true; } | tail -1; }
peak() { { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null || true; } | tail -1; }

# A clinic CA and clinician key as a clinic makes them (not the demo keys, whose letters carry a
# SPECIMEN mark), a profile and N requests (the demo request with distinct patient references).
KEY_PASSWORD=bench-key-password
ACCOMMODATE_CA_PASSWORD=bench-ca-password ACCOMMODATE_KEY_PASSWORD=$KEY_PASSWORD \
  java -jar "$JAR" keys init --clinician "Alex Morgan" --org "Riverside Health Partners" >/dev/null
(umask 077 && printf '%s\n' "$KEY_PASSWORD" > pw.txt)  # readable by its owner alone, as the tool requires
cat > clinic.yaml <<YAML
clinic: {name: Riverside Health Partners, address: [12 River Road, "Springfield, IL 62704"], phone: (555) 010-0123}
clinician: {name: Alex Morgan, credential: MD}
signing: {keystore: keys/alex-morgan.p12}
ledger: ledger.jsonl
YAML
java -jar "$JAR" demo -o seed.pdf --no-ledger >/dev/null 2>&1
START=$(date -d 'next monday' +%F); SIGNED=$(date -d '2 days ago' +%F); EXPIRES=$(date -d '+120 days' +%F)
mkdir -p requests
for i in $(seq -f "%04g" 1 "$N"); do  # r0001.yaml ... for any N up to 9999
  cat > "requests/r$i.yaml" <<YAML
patient: {name: Jordan Rivera, reference: MRN-$i}
employer: {organization: Acme Logistics}
period: {start: $START, weeks: 8}
unavailable: [{days: [TUE, THU], from: "09:00", to: "12:00"}]
accommodation: {type: shifted-hours, details: Start work at 1:00 p.m. on these days}
authorization: {reference: AUTH-$i, signed: $SIGNED, signed_by: patient, expires: $EXPIRES, recipient: Acme Logistics, purpose: schedule, discloses: [identity, care-status, schedule, duration, accommodation]}
YAML
done

"$RUN" templates list >/dev/null   # makes the class-data sharing archive once
cold_letter=$(for i in 1 2 3 4 5 6 7; do seconds "$RUN" letter requests/r0001.yaml -o cold.pdf --force --password-file pw.txt --no-ledger; done | median)
cold_letter_jar=$(for i in 1 2 3; do seconds java -jar "$JAR" letter requests/r0001.yaml -o cold.pdf --force --password-file pw.txt --no-ledger; done | median)
cold_verify=$(for i in 1 2 3 4 5 6 7; do seconds "$RUN" verify cold.pdf; done | median)  # anchors: keys/trusted/
size=$(stat -c %s cold.pdf)

# Batches: medians of RUNS whole-process runs (default 3), each into a fresh folder and ledger.
RUNS=${RUNS:-3}
fresh_batch() { rm -rf out ledger.jsonl ledger.jsonl.checkpoint; "$@"; }
batch_s=$(for i in $(seq "$RUNS"); do fresh_batch seconds "$RUN" batch requests --out-dir out --password-file pw.txt \
  --workers 2; done | median)
batch_kb=$(for i in $(seq "$RUNS"); do fresh_batch peak "$RUN" batch requests --out-dir out --password-file pw.txt \
  --workers 2; done | median)
verify_s=$(for i in $(seq "$RUNS"); do seconds "$RUN" verify out/letter-*.pdf --json; done | median)

# The same batch signed with an RSA-2048 key, the key of performance.md's prototype: new keys
# default to RSA-3072, whose signature costs about three times as much CPU.
mkdir -p k2048
(cd k2048 && ACCOMMODATE_CA_PASSWORD=bench-ca-password ACCOMMODATE_KEY_PASSWORD=$KEY_PASSWORD \
  java -jar "$JAR" keys init --clinician "Alex Morgan" --org "Riverside Health Partners" --key-type rsa-2048 >/dev/null)
sed 's#keys/alex-morgan.p12#k2048/keys/alex-morgan.p12#' clinic.yaml > clinic-2048.yaml
batch2048_s=$(for i in $(seq "$RUNS"); do fresh_batch seconds "$RUN" batch requests --out-dir out2048 --password-file pw.txt \
  --workers 2 --profile clinic-2048.yaml; rm -rf out2048; done | median)

# The same batch on Java 25 when one is installed (JDK25=DIR, else /usr/lib/jvm/*-25-*): the
# launcher then starts batches from an ahead-of-time cache it makes once per build; the priming
# run pays for that.
JDK25=${JDK25:-$(ls -d /usr/lib/jvm/*-25-* 2>/dev/null | head -1)}
batch25_s=""
if [ -n "$JDK25" ] && [ -x "$JDK25/bin/java" ]; then
  env JAVA_HOME="$JDK25" "$RUN" batch requests/r0001.yaml --out-dir prime25 --password-file pw.txt --no-ledger \
    >/dev/null 2>&1 || true
  batch25_s=$(for i in $(seq "$RUNS"); do rm -rf out25 ledger.jsonl ledger.jsonl.checkpoint; seconds env JAVA_HOME="$JDK25" \
    "$RUN" batch requests --out-dir out25 --password-file pw.txt --workers 2; done | median)
  rm -rf out25 ledger.jsonl ledger.jsonl.checkpoint
fi

# Letters with Japanese names, drawn with a profile font (IPA Gothic, when installed): 100 of them
# in one batch, against the same 100 with the usual name (the profile names the font either way).
CJK_FONT=/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf
cjk_s=""; latin_s=""
if [ -f "$CJK_FONT" ]; then
  mkdir -p cjk latin
  for f in $(ls requests/*.yaml | head -n 100); do
    sed 's/name: Jordan Rivera/name: 山田 太郎/' "$f" > "cjk/$(basename "$f")"
    cp "$f" "latin/$(basename "$f")"
  done
  { cat clinic.yaml; echo "fonts: [$CJK_FONT]"; } > clinic-fonts.yaml
  cjk_s=$(for i in $(seq "$RUNS"); do rm -rf cjk-out; seconds "$RUN" batch cjk --out-dir cjk-out \
    --profile clinic-fonts.yaml --password-file pw.txt --no-ledger --workers 2; done | median)
  latin_s=$(for i in $(seq "$RUNS"); do rm -rf latin-out; seconds "$RUN" batch latin --out-dir latin-out \
    --profile clinic-fonts.yaml --password-file pw.txt --no-ledger --workers 2; done | median)
fi

# A long batch into a fresh ledger: the request folder five times over; seconds for each
# thousand letters (JIT warm-up shows in the first) and the peak resident memory.
N5=${N5:-5000}
mkdir -p long
for copy in $(seq 1 $(( (N5 + N - 1) / N ))); do
  for f in requests/*.yaml; do cp "$f" "long/c$copy-$(basename "$f")"; done
done
ls long/*.yaml | tail -n +$((N5 + 1)) | xargs -r rm
long_start=$(date +%s.%N)
long_thousands=$( { /usr/bin/time -o long.time -f "%e %M" "$RUN" batch long --out-dir long-out --password-file pw.txt \
    --workers 2 --ledger long.jsonl 2>&1 >/dev/null || true; } | awk -v s="$long_start" -v n="$N5" '
  /^\[[0-9]+\/[0-9]+\]/ { split(substr($1, 2), p, "/"); if (p[1] % 1000 == 0) { "date +%s.%N" | getline t; close("date +%s.%N"); printf "%s%.1f", sep, t - s - last; last = t - s; sep = " / " } }')
read long_s long_kb < long.time
# A letter as a clinic makes it, recorded in that ledger of thousands of entries.
# Interleaved with the same letter recorded in no ledger, so the two differ only by the ledger
# (the host's speed drifts, and after minutes of full load it is often slower).
: > ledger.times; : > noledger.times
for i in 1 2 3 4 5 6 7; do
  seconds "$RUN" letter requests/r0001.yaml -o cold2.pdf --force --password-file pw.txt --ledger long.jsonl >> ledger.times
  seconds "$RUN" letter requests/r0001.yaml -o cold3.pdf --force --password-file pw.txt --no-ledger >> noledger.times
done
cold_ledger=$(median < ledger.times)
cold_noledger=$(median < noledger.times)

# The peer: pdfsig signing the same unsigned letters with the same key in an NSS database.
mkdir -p nss unsigned peer
certutil -N -d sql:nss --empty-password
pk12util -i keys/alex-morgan.p12 -d sql:nss -W "$KEY_PASSWORD" >/dev/null
NICK=$(certutil -L -d sql:nss | awk 'NR>4 && NF {sub(/ +[a-zA-Z,]+$/, ""); print; exit}')
for i in $(seq -w 1 "$PEER_N"); do
  java -jar "$JAR" preview "requests/r00$((10#$i % 10 + 1))0.yaml" -o "unsigned/u$i.pdf" --force >/dev/null 2>&1 \
    || cp seed.pdf "unsigned/u$i.pdf"
done
peer_s=$(seconds bash -c "for f in unsigned/*.pdf; do pdfsig -add-signature -nssdir sql:nss -nick '$NICK' \"\$f\" \"peer/\$(basename \$f)\" >/dev/null; done")
ours_s=$(for i in $(seq "$RUNS"); do rm -rf ours; seconds "$RUN" batch $(ls requests/*.yaml | head -n "$PEER_N") \
  --out-dir ours --password-file pw.txt --no-ledger --workers 2; done | median)

awk -v n="$N" -v pn="$PEER_N" -v cl="$cold_letter" -v clj="$cold_letter_jar" -v cv="$cold_verify" -v sz="$size" \
    -v bs="$batch_s" -v bk="$batch_kb" -v vs="$verify_s" -v ps="$peer_s" -v os="$ours_s" \
    -v runs="$RUNS" -v cjk="$cjk_s" -v cn="$(ls cjk 2>/dev/null | wc -l)" -v lat="$latin_s" -v b25="$batch25_s" -v j25="$JDK25" -v n5="$N5" -v ls="$long_s" -v lk="$long_kb" -v lt="$long_thousands" -v cll="$cold_ledger" -v cnl="$cold_noledger" -v b2k="$batch2048_s" \
    -v date="$(date -u +%F)" -v cpu="$(nproc) cores, $(uname -m), $(java -version 2>&1 | head -1)" 'BEGIN {
  printf "| what | figure | target |\n|---|---|---|\n"
  printf "| cold `letter`, bin/accommodate (median of 7) | %.2f s | ≤ 1.0 s |\n", cl
  printf "| cold `letter` recorded in a ledger of %d entries (median of 7; interleaved with no ledger: %.2f s) | %.2f s | ≤ 1.0 s |\n", n5, cnl, cll
  printf "| cold `letter`, plain java -jar (median of 3) | %.2f s | works |\n", clj
  printf "| cold `verify` of one letter (median of 7) | %.2f s | ≤ 0.8 s |\n", cv
  printf "| signed B-B letter size | %.1f KB | ≤ 50 KB |\n", sz / 1000
  printf "| batch of %d letters, 2 workers (median of %d) | %.1f s = %.0f letters/s | ≥ 100 letters/s |\n", n, runs, bs, n / bs
  printf "| the same batch signed with an RSA-2048 key (median of %d) | %.1f s = %.0f letters/s | ≥ 100 letters/s |\n", runs, b2k, n / b2k
  if (b25 != "") printf "| the same batch on Java 25 (%s), ahead-of-time cache (median of %d) | %.1f s = %.0f letters/s | ≥ 100 letters/s |\n", j25, runs, b25, n / b25
  printf "| batch peak memory (RSS, median of %d) | %.0f MiB | ≤ 300 MiB |\n", runs, bk / 1024
  if (cjk != "") printf "| batch of %d letters with Japanese names (profile font), 2 workers (median of %d) | %.1f s (same %d with Latin names: %.1f s) | — |\n", cn, runs, cjk, cn, lat
  printf "| batch of %d letters with the ledger, 2 workers | %.1f s = %.0f letters/s (each thousand: %s s) | ≥ 100 letters/s |\n", n5, ls, n5 / ls, lt
  printf "| that batch'"'"'s peak memory (RSS) | %.0f MiB | ≤ 300 MiB, flat |\n", lk / 1024
  printf "| verify %d letters in one run, bin/accommodate (median of %d) | %.1f s = %.0f letters/s | ≥ 200 letters/s |\n", n, runs, vs, n / vs
  printf "| peer: pdfsig -add-signature, %d letters (shell loop) | %.1f s | — |\n", pn, ps
  printf "| ours: batch of the same %d, rendering included (median of %d) | %.1f s (%.1fx the peer) | — |\n", pn, runs, os, ps / os
  printf "\nMeasured %s on %s.\n", date, cpu
}' | tee "$ROOT/bench/results.md"
