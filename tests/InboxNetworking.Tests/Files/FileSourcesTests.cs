using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;
using InboxNetworking.Files;
using InboxNetworking.Tests.TestData;
using Microsoft.Extensions.Time.Testing;

namespace InboxNetworking.Tests.Files;

/// <summary>The files connector: mbox, Maildir++, .eml folders and .ics files, headers only.</summary>
public sealed class FileSourcesTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FileSources _files = new(new FilesOptions { BatchSize = 2 }, new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)));

    public void Dispose() => _dir.Dispose();

    internal static string Eml(string from, string to, string id, string date = "Mon, 6 Jan 2025 10:00:00 +0000", string extra = "", string body = "Hello\n") =>
        $"From: {from}\nTo: {to}\nSubject: test {id}\nDate: {date}\nMessage-ID: <{id}>\n{extra}\n{body}";

    internal static async Task<List<SourceBatch>> ReadAll(ISource source, string? checkpoint = null)
    {
        var batches = new List<SourceBatch>();
        await foreach (var b in source.ReadAsync(checkpoint, CancellationToken.None))
            batches.Add(b);
        return batches;
    }

    private string Mbox(params string[] messages)
    {
        var path = _dir.File("export.mbox");
        File.WriteAllText(path, string.Concat(messages.Select(m => "From sender@x Mon Jan  6 10:00:00 2025\n" + m + "\n")));
        return path;
    }

    [Fact]
    public async Task Mbox_ReadsEveryMessageInBatchesWithOffsets()
    {
        var path = Mbox(Eml("a@x.example", "me@corp.example", "1@x"), Eml("b@x.example", "me@corp.example", "2@x"), Eml("c@x.example", "me@corp.example", "3@x"));
        var batches = await ReadAll(Assert.Single(_files.Discover(path)));
        Assert.Equal(["1@x", "2@x", "3@x"], batches.SelectMany(b => b.Mail).Select(m => m.MessageId));
        Assert.Equal(2, batches.Count);
        Assert.StartsWith("offset:", batches[0].Checkpoint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mbox_ResumingFromACheckpoint_ReadsOnlyWhatFollows()
    {
        var path = Mbox(Eml("a@x.example", "me@corp.example", "1@x"), Eml("b@x.example", "me@corp.example", "2@x"), Eml("c@x.example", "me@corp.example", "3@x"));
        var source = Assert.Single(_files.Discover(path));
        var first = (await ReadAll(source))[0];
        var rest = await ReadAll(source, first.Checkpoint);
        Assert.Equal(["3@x"], rest.SelectMany(b => b.Mail).Select(m => m.MessageId));
        Assert.Empty(await ReadAll(source, rest[^1].Checkpoint));
    }

    [Fact]
    public async Task Mbox_KeepsHeadersOnly()
    {
        var path = Mbox(Eml("Ann <a@x.example>", "Me <me@corp.example>", "1@x", extra: "In-Reply-To: <0@x>\nReferences: <r@x> <0@x>\nList-Id: <l.x>\nAuto-Submitted: auto-replied\n", body: "SECRET BODY\n"));
        var m = (await ReadAll(Assert.Single(_files.Discover(path)))).SelectMany(b => b.Mail).Single();
        Assert.Equal(new Participant("a@x.example", "Ann"), m.From);
        Assert.Equal("0@x", m.InReplyTo);
        Assert.Equal(["r@x", "0@x"], m.References);
        Assert.Equal("<l.x>", m.ListId);
        Assert.Equal("auto-replied", m.AutoSubmitted);
        var everything = System.Text.Json.JsonSerializer.Serialize(m);
        Assert.DoesNotContain("SECRET", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mbox_ExchangeStyleDoubleDotAddresses_AreRead()
    {
        var path = Mbox(Eml("h..foster@enron.com", "chris.stokley@enron.com, p..o'neil@enron.com", "1@x"));
        var m = (await ReadAll(Assert.Single(_files.Discover(path)))).SelectMany(b => b.Mail).Single();
        Assert.Equal("h..foster@enron.com", m.From!.Address);
        Assert.Equal(["chris.stokley@enron.com", "p..o'neil@enron.com"], m.To.Select(p => p.Address));
    }

    [Fact]
    public async Task Mbox_MessageWithoutFrom_IsQuarantinedAndTheRestGoesOn()
    {
        var path = Mbox("To: me@corp.example\nSubject: x\nDate: Mon, 6 Jan 2025 10:00:00 +0000\n\nbody\n", Eml("b@x.example", "me@corp.example", "2@x"));
        var batches = await ReadAll(Assert.Single(_files.Discover(path)));
        var q = Assert.Single(batches.SelectMany(b => b.Quarantined));
        Assert.Contains("no From", q.Reason, StringComparison.Ordinal);
        Assert.Contains("message 1", q.Position, StringComparison.Ordinal);
        Assert.Equal(["2@x"], batches.SelectMany(b => b.Mail).Select(m => m.MessageId));
    }

    [Fact]
    public async Task MissingDate_FallsBackToReceivedThenToTheMboxFromLine()
    {
        var path = _dir.File("nodate.mbox");
        File.WriteAllText(path,
            "From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nFrom: a@x.example\nTo: me@corp.example\nMessage-ID: <1@x>\n\nbody\n\n" +
            "From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nReceived: from mx by mx; Tue, 5 Mar 2024 10:00:00 +0100\nFrom: b@x.example\nTo: me@corp.example\nMessage-ID: <2@x>\n\nbody\n");
        var mail = (await ReadAll(Assert.Single(_files.Discover(path)))).SelectMany(b => b.Mail).ToList();
        Assert.Equal(new DateTimeOffset(2011, 7, 8, 12, 8, 34, TimeSpan.Zero), mail[0].Date);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 9, 0, 0, TimeSpan.Zero), mail[1].Date.ToUniversalTime());
    }

    [Fact]
    public async Task Mbox_FileThatIsNotAnMbox_IsQuarantinedWithAReason()
    {
        var path = _dir.File("notes.mbox");
        File.WriteAllText(path, "just some text\n");
        var q = (await ReadAll(Assert.Single(_files.Discover(path)))).SelectMany(b => b.Quarantined).Single();
        Assert.Contains("not an mbox", q.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maildir_ReadsInboxAndFolders_RecognisesSentAndSkipsJunkAndDrafts()
    {
        var root = Path.Combine(_dir.Path, "Maildir");
        void Put(string folder, string name, string content)
        {
            var cur = Path.Combine(root, folder, "cur");
            Directory.CreateDirectory(cur);
            File.WriteAllText(Path.Combine(cur, name), content);
        }
        Put("", "1:2,S", Eml("a@x.example", "me@corp.example", "in@x"));
        Put(".Sent Items", "2:2,S", Eml("me@corp.example", "a@x.example", "out@x"));
        Put("._sent_mail", "3:2,S", Eml("me@corp.example", "b@x.example", "out2@x"));
        Put(".Junk", "4:2,S", Eml("spam@x.example", "me@corp.example", "junk@x"));
        Put(".Drafts", "5:2,DS", Eml("me@corp.example", "a@x.example", "draft@x"));
        Put(".Projects.Alpha", "6:2,S", Eml("c@x.example", "me@corp.example", "alpha@x"));

        var sources = _files.Discover(root);
        var mail = new List<MailItem>();
        foreach (var s in sources)
            mail.AddRange((await ReadAll(s)).SelectMany(b => b.Mail));
        Assert.Equal(["alpha@x", "in@x", "out2@x", "out@x"], mail.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.True(mail.Single(m => m.MessageId == "out@x").InSentFolder);
        Assert.True(mail.Single(m => m.MessageId == "out2@x").InSentFolder);
        Assert.False(mail.Single(m => m.MessageId == "in@x").InSentFolder);
    }

    [Fact]
    public async Task EmlFolder_ReadsEveryEmlAndIcsFile()
    {
        File.WriteAllText(_dir.File("a.eml"), Eml("a@x.example", "me@corp.example", "1@x"));
        File.WriteAllText(_dir.File("b.eml"), Eml("b@x.example", "me@corp.example", "2@x"));
        File.WriteAllText(_dir.File("cal.ics"), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u1\r\nDTSTART:20250106T100000Z\r\nDTEND:20250106T110000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        File.WriteAllText(_dir.File("readme.txt"), "not mail");
        var sources = _files.Discover(_dir.Path);
        var batches = new List<SourceBatch>();
        foreach (var s in sources)
            batches.AddRange(await ReadAll(s));
        Assert.Equal(2, batches.SelectMany(b => b.Mail).Count());
        Assert.Single(batches.SelectMany(b => b.Calendar));
    }

    [Fact]
    public void Discover_WhenPathDoesNotExist_SaysWhatToGive()
    {
        var e = Assert.Throws<FileNotFoundException>(() => _files.Discover(_dir.File("nope")));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }
}
