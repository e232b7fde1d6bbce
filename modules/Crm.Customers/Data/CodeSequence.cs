using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Data;

/// <summary>A named counter row; customer codes come from it.</summary>
internal sealed class CodeSequenceRow
{
    public string Name { get; set; } = "";
    public long Value { get; set; }
}

/// <summary>Hands out customer codes (C000001…). Incrementing the row takes the database's write lock, so codes are
/// unique under concurrent creation (gaps are allowed: a rolled-back creation leaves one).</summary>
internal static class CodeSequence
{
    public const string CustomerCodes = "customer";

    /// <summary>Reserves <paramref name="count"/> numbers and returns the first; call inside the transaction that uses them.</summary>
    public static async Task<long> ReserveAsync(CustomersDbContext db, int count, CancellationToken ct)
    {
        var last = await db.Database
            .SqlQuery<long>($"UPDATE cust_sequences SET \"Value\" = \"Value\" + {count} WHERE \"Name\" = {CustomerCodes} RETURNING \"Value\"")
            .ToListAsync(ct);
        return last.Single() - count + 1;
    }

    public static string Format(long number) => $"C{number:D6}";
}
