using MailKit;
using MailKit.Search;
using MimeKit;
using Polly;

namespace InboxNetworking.Imap;

/// <summary>Puts the monthly report into the INBOX with APPEND, once: the message's deterministic
/// Message-ID is looked up first, so a crash between the APPEND and its record does not deliver twice.</summary>
public sealed class ImapReportDelivery(ResiliencePipeline pipeline, TimeProvider time)
{
    /// <summary>True when appended now, false when the INBOX already held it.</summary>
    public async Task<bool> DeliverAsync(ImapSession session, MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(message.MessageId);
        return await pipeline.ExecuteAsync(async ct => await session.RunAsync(async (client, t) =>
        {
            var inbox = await session.OpenAsync(client.Inbox.FullName, FolderAccess.ReadWrite, t);
            var found = await inbox.SearchAsync(SearchQuery.HeaderContains("Message-ID", message.MessageId), t);
            if (found.Count > 0)
                return false;
            await inbox.AppendAsync(new AppendRequest(message, MessageFlags.None) { InternalDate = time.GetUtcNow() }, t);
            return true;
        }, ct), cancellationToken);
    }
}
