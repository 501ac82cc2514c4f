; Inno Setup 6 script: the per-machine Windows installer of RPC Referral Desktop.
; Build the one-folder app first (pyinstaller packaging\rpc_desktop.spec), then:
;   iscc /DAppVersion=0.1.0 packaging\windows\rpc-desktop.iss
; -> dist\rpc-desktop-0.1.0-windows-x64-setup.exe. Switches and locations: README.md here.

#ifndef AppVersion
  #error Pass the version from the build: iscc /DAppVersion=X.Y.Z rpc-desktop.iss
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\rpc-desktop"
#endif
#define AppName "RPC Referral Desktop"
#define AppExe "rpc-desktop.exe"
#define DataFolder "rpc-desktop"

[Setup]
; Never change the AppId: upgrades and the uninstaller find the installed copy by it.
AppId={{CE77FA51-8568-4C09-B778-D080EF61EEDC}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
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

{ Before anything is installed: lock the configuration folder and place /CONFIG. A failure
  stops setup (exit code 7) instead of installing an app IT has not configured. }
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
