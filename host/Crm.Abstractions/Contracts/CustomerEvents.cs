namespace Crm.Abstractions.Contracts;

/// <summary>Published by the customers module after a customer was created and saved.</summary>
public sealed record CustomerCreated(long CustomerId, string Code, string Name, Guid OwnerId, Guid? DepartmentId);

/// <summary>Published after a customer's fields were changed and saved; names the changed properties.</summary>
public sealed record CustomerUpdated(long CustomerId, IReadOnlyList<string> ChangedFields);

/// <summary>Published after a customer's status (dictionary <c>customer_status</c>) changed.</summary>
public sealed record CustomerStatusChanged(long CustomerId, string OldStatusCode, string NewStatusCode, string? Reason);

/// <summary>Published after a customer moved to another owner (edit or handover).</summary>
public sealed record CustomerOwnerChanged(long CustomerId, Guid OldOwnerId, Guid NewOwnerId, string? Reason);

/// <summary>Published after duplicate customers were merged (客户合并): <paramref name="MergedId"/> is deleted, pointing
/// at <paramref name="SurvivorId"/>. A module holding links to customers moves them from the merged id to the survivor.</summary>
public sealed record CustomerMerged(long MergedId, long SurvivorId);

/// <summary>Published by the sales module when a contract counts as signed (approved where approval is needed);
/// the customers module sets the customer to 成交 and records the contract milestones.</summary>
public sealed record ContractSigned(
    long CustomerId,
    string ContractNumber,
    decimal Amount,
    DateOnly SignedOn,
    DateOnly? FirstPaymentOn = null,
    DateOnly? ServiceExpiresOn = null);
