using InboxNetworking.Tests.TestData;

namespace InboxNetworking.Tests.Worker;

/// <summary>The data directory holds who a person talks to: the real binary keeps it to its owner.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private const UnixFileMode Directory0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Directory0755 = (UnixFileMode)0b111_101_101;
    private const UnixFileMode File0644 = (UnixFileMode)0b110_100_100;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task NewDataDirectory_UnderUmask022_IsOwnerOnly_WithEveryFileInIt()
    {
        var data = _dir.File("data");
        using var import = StartUnderUmask022(data, "import", WriteMbox(), "--account", "me", "--owner", "me@corp.example");
        Assert.True(await import.WaitAsync(Limit) == 0, import.Error);
        Assert.DoesNotContain("readable by you only", import.Error, StringComparison.Ordinal); // nothing was ever loose

        Assert.Equal(Directory0700, File.GetUnixFileMode(data));
        var files = Directory.GetFiles(data);
        Assert.Contains(Path.Combine(data, "inboxnet.db"), files);
        Assert.All(files, f => Assert.Equal(File0600, File.GetUnixFileMode(f)));
    }

    [Fact]
    public async Task LooseDataDirectory_IsTightenedAtStart_AndSaysSoOnce()
    {
        var data = _dir.File("data");
        using (var import = StartUnderUmask022(data, "import", WriteMbox(), "--account", "me", "--owner", "me@corp.example"))
            Assert.True(await import.WaitAsync(Limit) == 0, import.Error);
        // As an older version, or a copy with `cp -r` under umask 022, would have left it.
        File.SetUnixFileMode(data, Directory0755);
        foreach (var file in Directory.GetFiles(data))
            File.SetUnixFileMode(file, File0644);

        using var first = StartUnderUmask022(data, "status");
        Assert.True(await first.WaitAsync(Limit) == 0, first.Error);
        var said = first.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("readable by you only", StringComparison.Ordinal)).ToList();
        Assert.Single(said);
        Assert.Contains(data, said[0], StringComparison.Ordinal);
        Assert.Equal(Directory0700, File.GetUnixFileMode(data));
        Assert.All(Directory.GetFiles(data), f => Assert.Equal(File0600, File.GetUnixFileMode(f)));

        using var second = StartUnderUmask022(data, "status");
        Assert.True(await second.WaitAsync(Limit) == 0, second.Error);
        Assert.DoesNotContain("readable by you only", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FolderHoldingOtherFiles_IsLeftAsItWas_AndTheUserIsToldToUseAFolderOfItsOwn()
    {
        var home = _dir.File("home");
        Directory.CreateDirectory(home);
        File.SetUnixFileMode(home, Directory0755);
        var notes = Path.Combine(home, "notes.txt");
        await File.WriteAllTextAsync(notes, "somebody's notes");
        File.SetUnixFileMode(notes, File0644);

        using var status = StartUnderUmask022(home, "status");
        Assert.Equal(2, await status.WaitAsync(Limit));
        var line = Assert.Single(status.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(home, line, StringComparison.Ordinal);
        Assert.Contains("a folder of its own", line, StringComparison.Ordinal);
        Assert.Equal(Directory0755, File.GetUnixFileMode(home));
        Assert.Equal(File0644, File.GetUnixFileMode(notes));
        Assert.Equal([notes], Directory.GetFileSystemEntries(home));
    }

    /// <summary>The real binary under the umask most machines have.</summary>
    private static ChildProcess StartUnderUmask022(string dataDir, params string[] args) =>
        ChildProcess.Start("sh", ["-c", "umask 022 && exec \"$0\" \"$@\"", "dotnet", Path.Combine(AppContext.BaseDirectory, "inboxnet.dll"), "--data-dir", dataDir, .. args]);

    private string WriteMbox()
    {
        var mbox = _dir.File("mail.mbox");
        File.WriteAllText(mbox, """
            From x@x Mon Jan  6 10:00:00 2025
            From: ann@partner.example
            To: me@corp.example
            Subject: hello
            Date: Mon, 6 Jan 2025 10:00:00 +0000
            Message-ID: <1@private>

            body

            """.ReplaceLineEndings("\n"));
        return mbox;
    }
}
