namespace InboxNetworking.Core.Domain;

/// <summary>Messages the product itself puts into a mailbox (the monthly report). Every connector recognises
/// them and skips them: they are nobody's interaction and belong in no month's totals.</summary>
public static class ProductMessages
{
    /// <summary>Carried by every delivered report; its value is the report's month.</summary>
    public const string ReportHeader = "X-InboxNet-Report";
}
