using System.Text;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.SendMail;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace InboxNetworking.Graph;

/// <summary>Sends the monthly report to the mailbox's owner with sendMail, once: the message's deterministic
/// Internet message id is looked up first, so a crash between the send and its record does not deliver twice.</summary>
public static class GraphReportDelivery
{
    /// <summary>Sends <paramref name="mime"/>, the whole MIME message (Graph sends it as it is: headers, parts,
    /// attachments), unless the mailbox already holds one with its id. True when sent now.</summary>
    public static async Task<bool> DeliverAsync(GraphSession session, GraphSettings settings, string internetMessageId, byte[] mime, CancellationToken cancellationToken)
    {
        var user = session.Client.Users[settings.Mailbox];
        try
        {
            var found = await user.Messages.GetAsync(r =>
            {
                r.QueryParameters.Filter = $"internetMessageId eq '<{internetMessageId.Replace("'", "''", StringComparison.Ordinal)}>'";
                r.QueryParameters.Select = ["id"];
            }, cancellationToken);
            if (found?.Value is { Count: > 0 })
                return false;
            // sendMail takes a MIME message as base64 text/plain; the SDK's typed body is JSON only.
            var request = user.SendMail.ToPostRequestInformation(new SendMailPostRequestBody());
            request.Headers.Remove("Content-Type");
            request.SetStreamContent(new MemoryStream(Encoding.ASCII.GetBytes(Convert.ToBase64String(mime))), "text/plain");
            var errors = new Dictionary<string, ParsableFactory<IParsable>> { ["XXX"] = ODataError.CreateFromDiscriminatorValue };
            await session.Client.RequestAdapter.SendNoContentAsync(request, errors, cancellationToken);
            return true;
        }
        catch (ApiException e) when (e.ResponseStatusCode == 403)
        {
            throw new Core.Ports.SourceUnavailableException(
                $"delivery: {new Uri(settings.Endpoint).Host} would not send from '{settings.Mailbox}' (403): allow Mail.Send, or connect again with --no-delivery; the report is on disk", e, isTransient: false);
        }
        catch (Exception e) when (GraphConnector.Translate(e, settings) is { } translated && translated != e)
        {
            throw translated;
        }
    }
}
