namespace Crm.Abstractions.Contracts;

/// <summary>Approval flows (审批) for documents of other modules: contracts, discounts, customer reviews.
/// The outcome arrives as an <see cref="ApprovalCompleted"/> event on the event bus.</summary>
public interface IApprovalService
{
    /// <summary>The path and approvers the document would take, without submitting it.</summary>
    Task<ApprovalPreview> PreviewAsync(ApprovalRequest request, CancellationToken cancellationToken = default);

    Task<ApprovalSubmission> SubmitAsync(ApprovalRequest request, CancellationToken cancellationToken = default);

    /// <summary>State of the newest approval of a document, or null when it was never submitted.</summary>
    Task<ApprovalState?> GetStateAsync(string documentType, string documentId, CancellationToken cancellationToken = default);

    /// <summary>The submitter withdraws a pending approval (撤回).</summary>
    Task WithdrawAsync(string documentType, string documentId, CancellationToken cancellationToken = default);
}

/// <summary>A document submitted for approval: its type (e.g. <c>sales.contract</c>), id, title, the fields
/// conditions are evaluated on (decimals, strings, dates, codes, user ids), a link back to it and its owner.</summary>
public sealed record ApprovalRequest(
    string DocumentType,
    string DocumentId,
    string Title,
    IReadOnlyDictionary<string, object?> Fields,
    string? Link = null,
    Guid? OwnerId = null);

/// <summary>The nodes a document would pass and who would approve at each.</summary>
public sealed record ApprovalPreview(IReadOnlyList<ApprovalPreviewStep> Steps);

/// <summary>One node of a preview: its name, kind and the approvers found (empty when the node would be skipped).</summary>
public sealed record ApprovalPreviewStep(string NodeName, string Kind, IReadOnlyList<Guid> Approvers);

/// <summary>The instance a submission started.</summary>
public sealed record ApprovalSubmission(Guid InstanceId, ApprovalState State);

/// <summary>State of an approval instance.</summary>
public enum ApprovalState { Pending, Approved, Rejected, Returned, Withdrawn, Cancelled }

/// <summary>Event published when an approval instance ends (approved, rejected, withdrawn or cancelled).</summary>
public sealed record ApprovalCompleted(Guid InstanceId, string DocumentType, string DocumentId, ApprovalState Outcome, string? Comment);
