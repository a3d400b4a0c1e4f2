; Inno Setup script: a per-user installer for the one-folder Windows app.
; Built by .github/workflows/installers.yml:  iscc /DAppVersion=1.2.3 build\windows\interview-desk.iss
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6C3D5E0B-6F1E-4F5B-9A7E-2F9E4C1B7D10}
AppName=Interview Desk
AppVersion={#AppVersion}
AppPublisher=Interview Desk
DefaultDirName={localappdata}\Programs\Interview Desk
DefaultGroupName=Interview Desk
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=interview-desk-windows-setup
SetupIconFile=..\icons\interview-desk.ico
UninstallDisplayIcon={app}\interview-desk.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "..\..\dist\interview-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Interview Desk"; Filename: "{app}\interview-desk.exe"
Name: "{autodesktop}\Interview Desk"; Filename: "{app}\interview-desk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\interview-desk.exe"; Description: "Start Interview Desk"; Flags: nowait postinstall skipifsilent
