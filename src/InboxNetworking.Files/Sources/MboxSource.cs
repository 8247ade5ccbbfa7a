using System.Runtime.CompilerServices;
using InboxNetworking.Core.Ports;
using InboxNetworking.Files.Mime;
using MimeKit;

namespace InboxNetworking.Files.Sources;

/// <summary>An mbox file (mboxo, mboxrd, or Content-Length style, e.g. a Gmail Takeout export).
/// The checkpoint is the byte offset of the first message not yet committed.</summary>
internal sealed class MboxSource(string path, MailItemReader reader, FilesOptions options) : IMailSource
{
    private const string OffsetPrefix = "offset:";

    public string SourceKey => "mbox:" + Path.GetFullPath(path);

    public async IAsyncEnumerable<Core.Domain.SourceBatch> ReadAsync(string? checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var start = ParseCheckpoint(checkpoint);
        if (start >= stream.Length)
            yield break; // done before (a shorter file than the checkpoint starts over below)
        stream.Seek(start, SeekOrigin.Begin);

        var folder = Path.GetFileNameWithoutExtension(path);
        var inSent = FolderNames.IsSent(folder);
        var batch = new BatchBuilder(reader, path);
        // persistent: bodies stay in the file as offsets instead of being copied; only calendar parts are read.
        var parser = new MimeParser(MimeParsing.Options(respectContentLength: true), stream, MimeFormat.Mbox, persistent: true);
        var index = 0;
        while (!parser.IsEndOfStream)
        {
            cancellationToken.ThrowIfCancellationRequested();
            MimeMessage message;
            try
            {
                message = parser.ParseMessage(cancellationToken);
            }
            catch (FormatException e)
            {
                // Nothing parseable follows (not an mbox, or a truncated tail): record it and stop this file.
                batch.Quarantine($"message {index + 1} at byte {parser.Position}", index == 0 && start == 0
                    ? "not an mbox file: no 'From ' line where a message should start (" + BatchBuilder.Reason(e) + ")"
                    : "unreadable tail of the mbox: " + BatchBuilder.Reason(e));
                break;
            }
            var offset = parser.MboxMarkerOffset;
            if (batch.Count >= options.BatchSize)
                yield return batch.Take(OffsetPrefix + offset);
            batch.AddMessage(message, $"message {index + 1} at byte {offset}", folder, inSent, isDraft: false, DeliveryDate(parser.MboxMarker));
            index++;
        }
        yield return batch.Take(OffsetPrefix + stream.Length);
    }

    /// <summary>The asctime date that ends an mbox "From sender Fri Jul  8 12:08:34 2011" line, read as UTC.</summary>
    internal static DateTimeOffset? DeliveryDate(string? marker)
    {
        var parts = marker?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is null || parts.Length < 6)
            return null;
        var text = string.Join(' ', parts[^5..]);
        return DateTime.TryParseExact(text, "ddd MMM d HH:mm:ss yyyy", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var d)
            ? new DateTimeOffset(d, TimeSpan.Zero)
            : null;
    }

    private long ParseCheckpoint(string? checkpoint)
    {
        if (checkpoint is null || !checkpoint.StartsWith(OffsetPrefix, StringComparison.Ordinal) || !long.TryParse(checkpoint.AsSpan(OffsetPrefix.Length), out var offset))
            return 0;
        // A file that shrank was replaced: read it again from the start (duplicates are recognised).
        return offset > new FileInfo(path).Length ? 0 : offset;
    }
}
