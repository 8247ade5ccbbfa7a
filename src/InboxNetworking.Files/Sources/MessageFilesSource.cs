using System.Runtime.CompilerServices;
using InboxNetworking.Core.Ports;
using InboxNetworking.Files.Mime;
using MimeKit;

namespace InboxNetworking.Files.Sources;

/// <summary>One message per file: a Maildir folder's cur/ and new/, or a folder of .eml files.
/// Files are read in name order; the checkpoint is the last file committed.</summary>
internal sealed class MessageFilesSource(
    string sourceKey,
    string root,
    string folder,
    IReadOnlyList<string> files,
    MailItemReader reader,
    FilesOptions options) : IMailSource
{
    public string SourceKey => sourceKey;

    public async IAsyncEnumerable<Core.Domain.SourceBatch> ReadAsync(string? checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var inSent = FolderNames.IsSent(folder);
        var batch = new BatchBuilder(reader, root);
        string? last = null;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(root, file);
            if (checkpoint is not null && string.CompareOrdinal(relative, checkpoint) <= 0)
                continue;
            if (batch.Count >= options.BatchSize && last is not null)
                yield return batch.Take(last);
            ReadOne(file, relative, inSent, batch);
            last = relative;
        }
        if (last is not null)
            yield return batch.Take(last);
    }

    private void ReadOne(string file, string relative, bool inSent, BatchBuilder batch)
    {
        try
        {
            var length = new FileInfo(file).Length;
            if (length > options.MaxMessageBytes)
            {
                batch.Quarantine(relative, $"message file of {length} bytes is larger than the {options.MaxMessageBytes}-byte limit");
                return;
            }
            using var stream = File.OpenRead(file);
            var parser = new MimeParser(MimeParsing.Options(), stream, MimeFormat.Entity, persistent: false);
            var message = parser.ParseMessage();
            batch.AddMessage(message, relative, folder, inSent, IsMaildirDraft(file), MaildirDeliveryTime(file));
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            batch.Quarantine(relative, "unreadable message: " + BatchBuilder.Reason(e));
        }
    }

    /// <summary>A Maildir file name starts with the delivery time in Unix seconds ("1204680122.M...").</summary>
    private static DateTimeOffset? MaildirDeliveryTime(string file)
    {
        var name = Path.GetFileName(file);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 8 && long.TryParse(name.AsSpan(0, dot), out var seconds) && seconds is > 0 and < 32503680000
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    /// <summary>Maildir info ":2,D" marks a draft.</summary>
    private static bool IsMaildirDraft(string file)
    {
        var name = Path.GetFileName(file);
        var info = name.LastIndexOf(":2,", StringComparison.Ordinal);
        return info >= 0 && name.AsSpan(info + 3).Contains('D');
    }
}
