; Inno Setup 6 script: the per-machine Windows installer of RPC Referral Desktop.
; Build the one-folder app first (pyinstaller packaging\rpc_desktop.spec), then, with the
; numbers from packaging\windows\version_info.py:
;   iscc /DAppVersion=0.1.0 /DFileVersion=0.1.0.0 packaging\windows\rpc-desktop.iss
; -> dist\rpc-desktop-0.1.0-windows-x64-setup.exe. Switches and locations: README.md here.
; With /DSign and /Srpcsign="signtool sign ... $f" the setup and its uninstaller are signed
; (.github/workflows/release.yml). rpc-desktop.wxs builds the MSI of the same build.

#ifndef AppVersion
  #error Pass the version from the build: iscc /DAppVersion=X.Y.Z rpc-desktop.iss
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\rpc-desktop"
#endif
#ifndef FileVersion
  ; Four numbers for Windows; AppVersion is enough for a plain X.Y.Z.
  #define FileVersion AppVersion
#endif
#define AppName "RPC Referral Desktop"
; The publisher on the setup, the program (packaging/rpc_desktop.spec) and the MSI.
#define Publisher "RPC Referral Desktop"
; The MSI's UpgradeCode (rpc-desktop.wxs) and the form Windows Installer files it under
; (HKLM\SOFTWARE\Classes\Installer\UpgradeCodes): only one of the two installers at a time.
#define MsiUpgradeCode "D2DB26E7-713E-4349-A944-E1E1CBCFB28A"
#define MsiUpgradeCodePacked "7E62BD2DE31794349A441E1EBCFC2BA8"
#define AppExe "rpc-desktop.exe"
#define DataFolder "rpc-desktop"

[Setup]
; Never change the AppId: upgrades and the uninstaller find the installed copy by it.
AppId={{CE77FA51-8568-4C09-B778-D080EF61EEDC}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#Publisher}
; The setup's own file properties (Details tab): file and product version, publisher.
VersionInfoVersion={#FileVersion}
VersionInfoProductVersion={#FileVersion}
VersionInfoTextVersion={#AppVersion}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoCompany={#Publisher}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
#ifdef Sign
; The release workflow defines the rpcsign tool (signtool with its certificate).
SignTool=rpcsign
SignedUninstaller=yes
#endif
; Per machine, for every user: Program Files, an administrator installs.
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 1809 or later.
MinVersion=10.0.17763
OutputDir=..\..\dist
OutputBaseFilename=rpc-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\rpc_desktop\resources\icons\rpc-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running copy (Restart Manager) rather than ask for a reboot.
CloseApplications=force
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build: rpc-desktop.exe (windowed), rpc-desktop-cli.exe (console,
; for IT and scripts) and _internal\.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Registry]
; For detection rules (Intune, SCCM): the same key and values the MSI writes.
Root: HKLM; Subkey: "SOFTWARE\{#AppName}"; ValueType: string; ValueName: "Version"; ValueData: "{#AppVersion}"; Flags: uninsdeletekey
Root: HKLM; Subkey: "SOFTWARE\{#AppName}"; ValueType: string; ValueName: "Installer"; ValueData: "exe"
Root: HKLM; Subkey: "SOFTWARE\{#AppName}"; ValueType: string; ValueName: "InstallFolder"; ValueData: "{app}\"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Offline Reducing Parental Conflict referrals"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent unchecked

[InstallDelete]
; An upgrade replaces the whole build: nothing of the previous one (old Qt plugins, modules)
; may linger beside the new files.
Type: filesandordirs; Name: "{app}\_internal"

[UninstallDelete]
; Only what this installer put there (the uninstaller removes the files it installed; this
; catches anything left in _internal), then the folder if it is empty. Never the whole of
; {app}: /DIR= may have pointed at a folder holding other things. The machine configuration
; and every user's data stay unless asked (see [Code]).
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"

[Code]
const
  REPARSE_POINT = $400;

{ The machine configuration folder: {commonappdata}\rpc-desktop (C:\ProgramData\rpc-desktop). }
function MachineConfigDir(): String;
begin
  Result := ExpandConstant('{commonappdata}\{#DataFolder}');
end;

{ /CONFIG=path: a config.toml to install as the machine configuration (relative to the
  current folder when not absolute). }
function ConfigSource(): String;
begin
  Result := ExpandConstant('{param:CONFIG|}');
  if Result <> '' then
    Result := ExpandFileName(Result);
end;

{ True for /NAME, /NAME=1, /NAME=yes or /NAME=true on the command line (any case). }
function SwitchOn(const Name: String): Boolean;
var
  I: Integer;
  Arg: String;
begin
  Result := False;
  for I := 1 to ParamCount do
  begin
    Arg := Uppercase(ParamStr(I));
    if (Arg = '/' + Name) or (Arg = '/' + Name + '=1') or (Arg = '/' + Name + '=YES')
       or (Arg = '/' + Name + '=TRUE') then
    begin
      Result := True;
      exit;
    end;
  end;
end;

function InitializeSetup(): Boolean;
begin
  Result := True;
  if RegKeyExists(HKLM64, 'SOFTWARE\Classes\Installer\UpgradeCodes\{#MsiUpgradeCodePacked}') then
  begin
    Log('The MSI (UpgradeCode {#MsiUpgradeCode}) is installed');
    SuppressibleMsgBox('{#AppName} is installed from its MSI package. Uninstall that first' + #13#10 +
      '(msiexec /x with its product code, or Settings > Apps), then run this setup.' + #13#10#13#10 +
      'Nothing was installed.', mbCriticalError, MB_OK, IDOK);
    Result := False;
    exit;
  end;
  if (ConfigSource() <> '') and not FileExists(ConfigSource()) then
  begin
    Log('/CONFIG file not found: ' + ConfigSource());
    SuppressibleMsgBox('The configuration file given with /CONFIG was not found:' + #13#10 +
      ConfigSource() + #13#10#13#10 + 'Nothing was installed.', mbCriticalError, MB_OK, IDOK);
    Result := False;
  end;
end;

{ icacls with these arguments on the machine configuration folder; True when it worked. }
function Icacls(const Args: String): Boolean;
var
  Code: Integer;
begin
  Result := Exec(ExpandConstant('{sys}\icacls.exe'), '"' + MachineConfigDir() + '" ' + Args,
    '', SW_HIDE, ewWaitUntilTerminated, Code) and (Code = 0);
  if not Result then
    Log('icacls ' + Args + ' on ' + MachineConfigDir() + ' failed, code ' + IntToStr(Code));
end;

{ Administrators own the machine configuration folder and everything in it, and only
  Administrators and SYSTEM may change it; users may read it. ProgramData lets any user
  create a folder there, so a folder or file a user made before the install is taken over
  (owner Administrators, rights reset to the folder's), not trusted. }
function LockMachineConfigDir(): Boolean;
begin
  Result := ForceDirectories(MachineConfigDir())
    and Icacls('/setowner *S-1-5-32-544 /T /C')
    and Icacls('/reset /T /C')
    and Icacls('/inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F'
      + ' *S-1-5-32-545:(OI)(CI)RX');
end;

{ Every single-line TOML string in Lines (basic, with \\ and \" escapes, or literal),
  outside comments; multi-line strings are skipped. The same rule as quoted_values in
  config_files.py, which the tests check: keep the two alike. }
function QuotedValues(const Lines: TArrayOfString): TArrayOfString;
var
  L, I, N: Integer;
  Line, Q, Closing, Value: String;
begin
  SetArrayLength(Result, 0);
  Closing := '';
  for L := 0 to GetArrayLength(Lines) - 1 do
  begin
    Line := Lines[L];
    I := 1;
    while I <= Length(Line) do
    begin
      if Closing <> '' then
      begin
        if Copy(Line, I, 3) = Closing then
        begin
          I := I + 3;
          Closing := '';
        end else
          I := I + 1;
        continue;
      end;
      Q := Copy(Line, I, 1);
      if Q = '#' then
        break;
      if (Q = '"') or (Q = '''') then
      begin
        if Copy(Line, I, 3) = Q + Q + Q then
        begin
          Closing := Q + Q + Q;
          I := I + 3;
          continue;
        end;
        Value := '';
        I := I + 1;
        while (I <= Length(Line)) and (Copy(Line, I, 1) <> Q) do
        begin
          if (Q = '"') and (Copy(Line, I, 1) = '\') and (I < Length(Line)) then
            I := I + 1;
          Value := Value + Copy(Line, I, 1);
          I := I + 1;
        end;
        I := I + 1;
        N := GetArrayLength(Result);
        SetArrayLength(Result, N + 1);
        Result[N] := Value;
        continue;
      end;
      I := I + 1;
    end;
  end;
end;

{ Value as a relative path inside the configuration folder, or '' (empty, absolute, or
  climbing out with ..). As relative_path in config_files.py. }
function RelativePath(Value: String): String;
begin
  Result := '';
  StringChangeEx(Value, '/', '\', True);
  while Copy(Value, 1, 2) = '.\' do
    Value := Copy(Value, 3, Length(Value));
  while Copy(Value, Length(Value), 1) = '\' do
    Value := Copy(Value, 1, Length(Value) - 1);
  if (Value = '') or (Value = '.') or (Pos(':', Value) > 0) or (Copy(Value, 1, 1) = '\') then
    exit;
  if (Value = '..') or (Copy(Value, 1, 3) = '..\') or (Pos('\..\', Value) > 0)
     or (Copy(Value, Length(Value) - 2, 3) = '\..') then
    exit;
  Result := Value;
end;

{ Source (a folder) and everything in it, to Dest; reparse points are not followed. }
function CopyTree(const Source, Dest: String): Boolean;
var
  Found: TFindRec;
begin
  Result := ForceDirectories(Dest);
  if not Result then
    exit;
  if FindFirst(Source + '\*', Found) then
  begin
    try
      repeat
        if (Found.Name = '.') or (Found.Name = '..') or
           ((Found.Attributes and REPARSE_POINT) <> 0) then
          continue;
        if (Found.Attributes and FILE_ATTRIBUTE_DIRECTORY) <> 0 then
          Result := CopyTree(Source + '\' + Found.Name, Dest + '\' + Found.Name)
        else
          Result := FileCopy(Source + '\' + Found.Name, Dest + '\' + Found.Name, False);
        if not Result then
        begin
          Log('Could not copy ' + Source + '\' + Found.Name + ' to ' + Dest);
          exit;
        end;
      until not FindNext(Found);
    finally
      FindClose(Found);
    end;
  end;
end;

{ What /CONFIG names beside itself: every quoted value of the file that is a relative path
  to a file or folder in the config's folder is copied to the same relative path in the
  machine configuration folder, where the app resolves it (config_files.py says why). An
  absolute path is left alone. False when a copy fails. }
function PlaceNamedFiles(const Config, Target: String): Boolean;
var
  Lines, Values: TArrayOfString;
  I: Integer;
  Rel, Source, Dest, Done: String;
begin
  Result := LoadStringsFromFile(Config, Lines);
  if not Result then
  begin
    Log('Could not read ' + Config);
    exit;
  end;
  Values := QuotedValues(Lines);
  Done := '|';
  for I := 0 to GetArrayLength(Values) - 1 do
  begin
    Rel := RelativePath(Values[I]);
    if (Rel = '') or (Lowercase(Rel) = 'config.toml') or (Pos('|' + Lowercase(Rel) + '|', Done) > 0) then
      continue;
    Source := ExtractFileDir(Config) + '\' + Rel;
    Dest := Target + '\' + Rel;
    if DirExists(Source) then
      Result := CopyTree(Source, Dest)
    else if FileExists(Source) then
      Result := ForceDirectories(ExtractFileDir(Dest)) and FileCopy(Source, Dest, False)
    else
      continue;
    if not Result then
    begin
      Log('Could not copy ' + Source + ' to ' + Dest);
      exit;
    end;
    Log('Placed ' + Source + ' as ' + Dest);
    Done := Done + Lowercase(Rel) + '|';
  end;
end;

{ Before anything is installed: lock the configuration folder and place /CONFIG with the
  files it names. A failure stops setup (exit code 7) instead of installing an app IT has
  not configured. }
function PrepareToInstall(var NeedsRestart: Boolean): String;
var
  Target: String;
begin
  Result := '';
  if not LockMachineConfigDir() then
  begin
    Result := 'Could not set the permissions of ' + MachineConfigDir()
      + ' (Administrators only). Nothing was installed; see the setup log.';
    exit;
  end;
  if ConfigSource() <> '' then
  begin
    Target := MachineConfigDir() + '\config.toml';
    if FileCopy(ConfigSource(), Target, False) then
      Log('Machine configuration installed from ' + ConfigSource() + ' to ' + Target)
    else
      Result := 'Could not copy the configuration file ' + ConfigSource() + ' to ' + Target
        + '. Nothing was installed.';
    if (Result = '') and not PlaceNamedFiles(ConfigSource(), MachineConfigDir()) then
      Result := 'Could not copy the files ' + ConfigSource() + ' names into '
        + MachineConfigDir() + '. Nothing was installed; see the setup log.';
  end;
end;

{ Every user's data folder: %LOCALAPPDATA%\rpc-desktop in each profile under C:\Users,
  and the uninstalling account's own. }
procedure PurgeUserData();
var
  Users, Folder: String;
  Found: TFindRec;
begin
  Users := ExtractFileDir(ExpandConstant('{%PUBLIC|C:\Users\Public}'));
  if FindFirst(Users + '\*', Found) then
  begin
    try
      repeat
        if ((Found.Attributes and FILE_ATTRIBUTE_DIRECTORY) <> 0) and
           ((Found.Attributes and REPARSE_POINT) = 0) and
           (Found.Name <> '.') and (Found.Name <> '..') then
        begin
          Folder := Users + '\' + Found.Name + '\AppData\Local\{#DataFolder}';
          if DirExists(Folder) then
          begin
            Log('Deleting user data ' + Folder);
            DelTree(Folder, True, True, True);
          end;
        end;
      until not FindNext(Found);
    finally
      FindClose(Found);
    end;
  end;
  Folder := ExpandConstant('{localappdata}\{#DataFolder}');
  if DirExists(Folder) then
    DelTree(Folder, True, True, True);
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  PurgeData, PurgeConfig: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  PurgeData := SwitchOn('PURGEUSERDATA');
  PurgeConfig := SwitchOn('PURGECONFIG');
  if not UninstallSilent() then
  begin
    if not PurgeData then
      PurgeData := MsgBox('Also delete the referral data of EVERY user of this computer?' + #13#10#13#10 +
        'Each user''s encrypted case store, backups, bundles, device key and settings' +
        ' (%LOCALAPPDATA%\{#DataFolder}). This cannot be undone.' + #13#10#13#10 +
        'Choose No to keep it (a later install will find it again).',
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
    if not PurgeConfig and DirExists(MachineConfigDir()) then
      PurgeConfig := MsgBox('Also delete the machine configuration in ' + MachineConfigDir() + '?',
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  end;
  if PurgeData then
    PurgeUserData();
  if PurgeConfig then
  begin
    Log('Deleting the machine configuration ' + MachineConfigDir());
    DelTree(MachineConfigDir(), True, True, True);
  end;
end;
