# How kerbshell's JVM starts, sourced by both bash launchers (the source tree's ./kerbshell and the release
# archive's bin/kerbshell), which differ only in where the jar and its extracted layout live. The caller sets
# `java` (the java command) and calls:
#   kerbshell_jdk_id              the JDK's identity, for the archive's key
#   kerbshell_prepare RUN KEY JAR the jar's extracted layout (BoringSSL's libraries in RUN/native-lib) and AppCDS
#                                 archives in RUN (app.jsa, and one-shot.jsa for the commands that run without
#                                 the shell), made again unless RUN/key holds KEY (the jar and the JDK the
#                                 archives belong to)
#   kerbshell_exec RUN ARGS...    runs kerbshell from RUN with ARGS; does not return
# Set KERBSHELL_JAVA_OPTS to add JVM options. bin/kerbshell.cmd does the same for Windows, but leaves the
# libraries in Conscrypt's jar.

# The JDK is known by its module image (path and time), which is what the archive was dumped from: reading it
# costs nothing, where `java -version` would start a JVM on every launch. A java that is not a JDK's bin/java
# (a wrapper script) is asked for its version instead.
kerbshell_jdk_id() {
  local bin modules
  bin="$(readlink -f "$(command -v "$java")" 2>/dev/null)" || bin=""
  modules="${bin%/bin/java}/lib/modules"
  if [ -n "$bin" ] && [ -f "$modules" ]; then
    printf '%s %s' "$modules" "$(stat -c %Y "$modules")"
  else
    "$java" -version 2>&1 | head -n 1 | tr -cd '[:alnum:]._-'
  fi
}

kerbshell_prepare() {
  local run="$1" key="$2" jar="$3"
  local made=""
  # A builtin, where $(cat) would start a process on every launch; a key file cut short still differs.
  if [ -f "$run/key" ]; then IFS= read -r made < "$run/key" || true; fi
  if [ "$made" = "$key" ]; then
    return 0
  fi
  rm -rf "$run"
  mkdir -p "$(dirname "$run")"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$run" >/dev/null
  # BoringSSL's libraries out of Conscrypt's jar into $run/native-lib (kerbshell.NativeLibraryLayout), so that
  # a launch loads the library from there instead of copying it out of the jar first. Should it fail, they stay
  # in the jar and Conscrypt copies them as before.
  "$java" -cp "$run/kerbshell.jar" kerbshell.NativeLibraryLayout "$run" >/dev/null 2>&1 || true
  # A training run on the lab records the classes the common commands load (session, SPN scan, checks, JSON
  # and text output), and those a DC session loads beyond them (TLS, Kerberos: kerbshell.CdsTraining); later runs
  # map them from the archive.
  printf '%s\n' status 'spn duplicates' 'check pair HV01 HV02' 'delegate show HV01' 'explain 0x80090303' |
    "$java" -XX:ArchiveClassesAtExit="$run/app.jsa" -XX:+UseSerialGC -Dspring.aot.enabled=true \
      -Dkerbshell.cds.training=true -Dkerbshell.stdin.tty=false -Dkerbshell.stdout.tty=false \
      -jar "$run/kerbshell.jar" --json --keep-going >/dev/null 2>&1 || true
  [ -s "$run/app.jsa" ] || rm -f "$run/app.jsa"
  # A second archive for the commands that run without the shell (kerbshell.cli.OneShotWithoutShell), trained on
  # each of them on the lab, with the DC session's classes (kerbshell.CdsTraining's main): two thirds of app.jsa's
  # size, and the JVM relocates an archive in full on every start (it maps it at a random address, the default of
  # current JDKs; docs/benchmarks.md). The same class path as -jar's, so that a launch can map it.
  "$java" -XX:ArchiveClassesAtExit="$run/one-shot.jsa" -XX:+UseSerialGC -Dspring.aot.enabled=true \
    -cp "$run/kerbshell.jar" kerbshell.CdsTraining >/dev/null 2>&1 || true
  [ -s "$run/one-shot.jsa" ] || rm -f "$run/one-shot.jsa"
  echo "$key" > "$run/key"
}

# Whether the launch's command is one that runs without the shell (kerbshell.cli.OneShotWithoutShell): status,
# explain TEXT or spn duplicates, after the leading options as LaunchOptions reads them (those that take a value
# are LaunchOptions.VALUE_OPTIONS; LauncherArchiveChoiceTest compares the two). It only chooses the archive: a wrong
# answer costs start-up time, never a different run.
kerbshell_runs_without_shell() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --file|--file=*|--debug) return 1 ;; # the shell's path
      --*=*) shift ;;
      --server|--port|--domain|--user|--auth|--tls|--ca-file|--keytab|--ccache|--kdc|--gc|--timeout|--password-file|--profile|--lab-port)
        shift
        if [ $# -gt 0 ]; then shift; fi ;;
      -) break ;;
      -*) shift ;;
      *) break ;;
    esac
  done
  case "$*" in
    status|"status --json"|"spn duplicates"|"spn duplicates --json"|"explain "*) return 0 ;;
  esac
  return 1
}

kerbshell_exec() {
  local run="$1"
  shift
  local cds=() jit=() libs=() stdin_tty=false stdout_tty=false archive="$run/app.jsa"
  if [ -f "$run/one-shot.jsa" ] && kerbshell_runs_without_shell "$@"; then
    archive="$run/one-shot.jsa"
  fi
  [ -f "$archive" ] && cds=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  [ -d "$run/native-lib" ] && libs=(-Djava.library.path="$run/native-lib")
  [ -t 0 ] && stdin_tty=true
  [ -t 1 ] && stdout_tty=true
  # One JIT compiler thread where the machine has one or two cores (nproc: those this process may use): the JVM
  # starts two, which then hold both cores while the launch's own threads (the session's TLS handshakes, the
  # boot, an SPN scan's reader) wait for them; measured on two cores in docs/benchmarks.md (start-up). Not when
  # KERBSHELL_JAVA_OPTS chooses the JIT itself: the full tiered JIT refuses to start with fewer than two.
  case "${KERBSHELL_JAVA_OPTS:-}" in
    *Tiered*|*CICompilerCount*) ;;
    *) if [ "$(nproc 2>/dev/null || echo 4)" -le 2 ]; then jit=(-XX:CICompilerCount=1); fi ;;
  esac
  # Serial GC: a short-lived tool on a few cores starts faster without G1's threads and regions.
  # spring.aot.enabled: the context comes from the bean definitions the build's AOT processing generated
  # (process-aot in pom.xml), not from scanning classes and evaluating auto-configuration conditions.
  # java.library.path: BoringSSL's library, taken out of Conscrypt's jar by kerbshell_prepare (before
  # KERBSHELL_JAVA_OPTS, which may set its own). org.conscrypt.native.workdir: where Conscrypt writes the
  # library to load it when it is still in the jar (and deletes it at once); the run directory is the user's
  # own, where /tmp may be shared or mounted noexec.
  # shellcheck disable=SC2086
  exec "$java" "${cds[@]}" "${jit[@]}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
    -Dspring.aot.enabled=true "${libs[@]}" -Dorg.conscrypt.native.workdir="$run/native" ${KERBSHELL_JAVA_OPTS:-} \
    -Dkerbshell.stdin.tty="$stdin_tty" -Dkerbshell.stdout.tty="$stdout_tty" \
    -jar "$run/kerbshell.jar" "$@"
}
