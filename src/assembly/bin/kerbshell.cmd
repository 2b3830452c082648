@echo off
rem kerbshell launcher for Windows workstations: runs lib\kerbshell.jar (found relative to this script) with the
rem start-up options of the Linux launcher. cmd cannot tell a console from a pipe, so the tty properties say
rem console; when piping, set KERBSHELL_JAVA_OPTS=-Dkerbshell.stdin.tty=false -Dkerbshell.stdout.tty=false
rem (later -D options win). Not tested on Windows (see README, Installing a release).
setlocal
set "KERBSHELL_JAR=%~dp0..\lib\kerbshell.jar"
if not exist "%KERBSHELL_JAR%" (
  echo kerbshell: %KERBSHELL_JAR% is missing; unpack the whole release archive again 1>&2
  exit /b 1
)
set "KERBSHELL_JAVA=java"
if defined JAVA_HOME set "KERBSHELL_JAVA=%JAVA_HOME%\bin\java"
rem One JIT compiler thread on one or two cores, as bin/kerbshell does, unless KERBSHELL_JAVA_OPTS chooses the JIT.
set "KERBSHELL_JIT="
if %NUMBER_OF_PROCESSORS% LEQ 2 set "KERBSHELL_JIT=-XX:CICompilerCount=1"
if defined KERBSHELL_JAVA_OPTS if not "%KERBSHELL_JAVA_OPTS:Tiered=%"=="%KERBSHELL_JAVA_OPTS%" set "KERBSHELL_JIT="
if defined KERBSHELL_JAVA_OPTS if not "%KERBSHELL_JAVA_OPTS:CICompilerCount=%"=="%KERBSHELL_JAVA_OPTS%" set "KERBSHELL_JIT="
"%KERBSHELL_JAVA%" %KERBSHELL_JIT% -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Dspring.aot.enabled=true -Dkerbshell.stdin.tty=true -Dkerbshell.stdout.tty=true %KERBSHELL_JAVA_OPTS% -jar "%KERBSHELL_JAR%" %*
exit /b %ERRORLEVEL%
