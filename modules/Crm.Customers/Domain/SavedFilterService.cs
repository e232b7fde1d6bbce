using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Abstractions.Results;
using Crm.Abstractions.Security;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>A named filter of the customer list, saved by one user (我的筛选).</summary>
public sealed record SavedFilterView(long Id, string Name, CustomerFilter Filter);

/// <summary>The current user's saved list filters: each user sees and changes only their own. A saved filter only
/// narrows the list; the data scope still applies when it is used.</summary>
internal sealed class SavedFilterService(CustomersDbContext db, ICurrentUser user)
{
    const int NameMaxLength = 50, JsonMaxLength = 4000;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<IReadOnlyList<SavedFilterView>> ListAsync(CancellationToken ct)
    {
        if (user.UserId is not { } me) return [];
        var rows = await db.SavedFilters.AsNoTracking().Where(f => f.UserId == me).OrderBy(f => f.Name).ToListAsync(ct);
        return rows.Select(f => new SavedFilterView(f.Id, f.Name, Read(f.Json))).ToList();
    }

    /// <summary>Saves the filter under the name; a filter of the same name is replaced.</summary>
    public async Task<Outcome<SavedFilterView>> SaveAsync(string? name, CustomerFilter filter, CancellationToken ct)
    {
        if (user.UserId is not { } me) return Outcome<SavedFilterView>.Conflicting("请先登录");
        var errors = new FieldErrors().Required("name", "筛选名称", name).MaxLength("name", "筛选名称", name, NameMaxLength);
        var json = JsonSerializer.Serialize(filter, Json);
        if (json.Length > JsonMaxLength) errors.Add("filter", "筛选条件太多，无法保存");
        if (errors.Any) return Outcome<SavedFilterView>.Invalid(errors);

        var trimmed = name!.Trim();
        db.ChangeTracker.Clear();
        var row = await db.SavedFilters.FirstOrDefaultAsync(f => f.UserId == me && f.Name == trimmed, ct);
        if (row is null) db.SavedFilters.Add(row = new SavedFilter { UserId = me, Name = trimmed });
        row.Json = json;
        await db.SaveChangesAsync(ct);
        return new SavedFilterView(row.Id, row.Name, filter);
    }

    public async Task<Outcome<bool>> DeleteAsync(long id, CancellationToken ct)
    {
        var me = user.UserId;
        var deleted = await db.SavedFilters.Where(f => f.Id == id && f.UserId == me).ExecuteDeleteAsync(ct);
        return deleted == 0 ? Outcome<bool>.Missing("筛选") : true;
    }

    // A filter saved by an older version may no longer read: it then shows everything rather than failing the page.
    static CustomerFilter Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CustomerFilter>(json, Json) ?? new CustomerFilter();
        }
        catch (JsonException)
        {
            return new CustomerFilter();
        }
    }
}
