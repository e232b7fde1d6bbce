using Crm.Abstractions.Auditing;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Events;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>A signed contract (from the sales module) makes its customer 成交 and records the contract milestones.
/// The sales module checked the user's access when it signed; the customer is looked up by id without a scope, as
/// the contract may be signed by someone who is not the customer's owner.</summary>
internal sealed class ContractSignedHandler(CustomersDbContext db, IAuditReason reason, ICrmEventBus events) : ICrmEventHandler<ContractSigned>
{
    public async Task HandleAsync(ContractSigned signed, CancellationToken cancellationToken)
    {
        if (await db.Customers.FirstOrDefaultAsync(c => c.Id == signed.CustomerId && c.DeletedAt == null, cancellationToken) is not { } customer) return;
        var previousStatus = customer.StatusCode;
        customer.StatusCode = CustomerStatus.Deal;
        customer.ContractDate = signed.SignedOn;
        customer.ContractAmount = signed.Amount;
        customer.FirstPaymentDate = signed.FirstPaymentOn ?? customer.FirstPaymentDate;
        customer.ServiceExpiryDate = signed.ServiceExpiresOn ?? customer.ServiceExpiryDate;
        customer.UpdatedAt = DateTime.UtcNow;
        customer.Version++;
        reason.Reason = $"合同 {signed.ContractNumber} 已签订";
        await db.SaveChangesAsync(cancellationToken);
        if (previousStatus != CustomerStatus.Deal)
            await events.PublishAsync(new CustomerStatusChanged(customer.Id, previousStatus, CustomerStatus.Deal, reason.Reason), cancellationToken);
    }
}
