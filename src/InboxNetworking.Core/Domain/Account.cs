namespace InboxNetworking.Core.Domain;

/// <summary>One mailbox owner: the unit that every stored row and every report belongs to.</summary>
public sealed record Account(long Id, string Name, IReadOnlyList<string> OwnerAddresses, string TimeZoneId);
