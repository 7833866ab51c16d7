; Inno Setup 6 script: wraps the Windows bundle (dist\branchdesk\, built with packaging\branchdesk.spec)
; in one installer for the bank's IT department. Build on Windows, from the repository's root:
;   iscc /DAppVersion=0.1.0 packaging\branchdesk.iss      ->  dist\branchdesk-0.1.0-setup.exe
; Silent install (software distribution, Intune, SCCM), with IT's settings file (README "IT settings"):
;   branchdesk-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /SP- /LOG="%TEMP%\branchdesk-setup.log" /SITECONFIG="\\server\share\site.toml"
; Silent uninstall: "C:\Program Files\BranchDesk\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; The users' data (%LOCALAPPDATA%\BranchDesk) and the site file are never removed by the uninstaller.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{690D51A3-B804-4EFC-B78A-8ABBC7AC089A}
AppName=BranchDesk
AppVerName=BranchDesk {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=BranchDesk
DefaultDirName={autopf}\BranchDesk
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=branchdesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
UninstallDisplayIcon={app}\branchdeskw.exe
; A running BranchDesk is asked to close before its files are replaced.
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\branchdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; /SITECONFIG=<file>: IT's settings, copied to C:\ProgramData\BranchDesk\site.toml (kept on uninstall,
; replaced by a later install that names one).
Source: "{param:SITECONFIG}"; DestDir: "{commonappdata}\BranchDesk"; DestName: "site.toml"; \
  Flags: external ignoreversion uninsneveruninstall; Check: SiteConfigGiven

[Icons]
Name: "{autoprograms}\BranchDesk 网点工作台"; Filename: "{app}\branchdeskw.exe"
Name: "{autodesktop}\BranchDesk 网点工作台"; Filename: "{app}\branchdeskw.exe"; Tasks: desktopicon

[Code]
function SiteConfigGiven: Boolean;
begin
  Result := ExpandConstant('{param:SITECONFIG|}') <> '';
end;
