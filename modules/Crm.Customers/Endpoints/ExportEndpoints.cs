using Crm.Abstractions.Results;
using Crm.Customers.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Crm.Customers.Endpoints;

/// <summary>客户导出 under <c>/api/customers/export</c>, for holders of <see cref="CustomerPermissions.Export"/>: the
/// list's filters, plus <c>format=csv|xlsx</c>, <c>encoding=utf8|gb18030</c> and <c>columns=code,name,…</c>. The
/// file is written into the response as the customers are read.</summary>
internal static class ExportEndpoints
{
    public static RouteGroupBuilder MapExportEndpoints(this RouteGroupBuilder customers)
    {
        customers.MapGet("/export", Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult> (
            [AsParameters] CustomerFilterQuery query, string? format, string? encoding, string? columns, CustomerExport export, CancellationToken ct) =>
        {
            var filter = query.ToFilter();
            var plan = export.Plan(format, encoding, columns, filter);
            if (plan.Errors is { } errors) return OutcomeHttp.Validation(errors);
            if (plan.Forbidden is { } refused) return OutcomeHttp.Forbidden(refused);
            return TypedResults.Stream(async body =>
            {
                try
                {
                    await export.WriteAsync(plan.Value!, filter, body, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // The client went away; the export is audited with the rows it was sent.
                }
            }, plan.Value!.ContentType, plan.Value.FileName);
        }).RequireAuthorization(CustomerPermissions.Export);
        return customers;
    }
}
