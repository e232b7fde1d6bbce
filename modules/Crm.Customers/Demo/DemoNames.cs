using System.Text;

namespace Crm.Customers.Demo;

/// <summary>Builds demo names from a customer's code number. The number is spread over the space of word
/// combinations by a multiplication that is one-to-one, so distinct numbers give distinct names (a number beyond the
/// space adds a branch suffix) and neither a second run nor a big one needs a look-up to stay clear of clashes.</summary>
internal static class DemoNames
{
    static readonly long EnterpriseSpace =
        (long)DemoWords.TradeNameChars.Length * DemoWords.TradeNameChars.Length * DemoWords.TermsPerSection * DemoWords.LegalForms.Length;

    static readonly int Given = DemoWords.GivenNameChars.Length;
    static readonly long PersonSpace = (long)DemoWords.Surnames.Length * (Given + Given * Given);

    /// <summary>深圳市华科智能制造有限公司: the city prefix and the section's terms are chosen by the caller; the trade name,
    /// term index and legal form come from <paramref name="number"/>.</summary>
    public static string Enterprise(long number, string cityPrefix, string[] sectionTerms)
    {
        var (index, round) = Spread(number, EnterpriseSpace);
        var chars = DemoWords.TradeNameChars;
        var form = DemoWords.LegalForms[index % DemoWords.LegalForms.Length];
        index /= DemoWords.LegalForms.Length;
        var term = sectionTerms[index % DemoWords.TermsPerSection];
        index /= DemoWords.TermsPerSection;
        var name = new StringBuilder(cityPrefix, 32)
            .Append(chars[index % chars.Length]).Append(chars[index / chars.Length])
            .Append(term).Append(form);
        if (round > 0) name.Append('第').Append(round + 1).Append("分公司");
        return name.ToString();
    }

    /// <summary>A person's name (张伟, 李晓明) for an individual customer; beyond the space a number in brackets.</summary>
    public static string Person(long number)
    {
        var (index, round) = Spread(number, PersonSpace);
        var name = PersonName(index);
        return round > 0 ? $"{name}（{round + 1}）" : name;
    }

    /// <summary>Any person's name from a random value, e.g. a contact (these need not be unique).</summary>
    public static string PersonName(long value)
    {
        var surname = DemoWords.Surnames[value % DemoWords.Surnames.Length];
        var rest = value / DemoWords.Surnames.Length % (Given + Given * Given);
        return rest < Given
            ? string.Concat(surname.ToString(), DemoWords.GivenNameChars[rest].ToString())
            : string.Concat(surname.ToString(), DemoWords.GivenNameChars[(rest - Given) / Given].ToString(), DemoWords.GivenNameChars[(rest - Given) % Given].ToString());
    }

    /// <summary>(number × a prime coprime to the space) mod space is a permutation of the space: neighbouring numbers
    /// get unrelated names, and no two numbers of the same round share one.</summary>
    static (long Index, long Round) Spread(long number, long space)
    {
        var multiplier = Multipliers.First(m => space % m != 0);
        return ((long)((Int128)number * multiplier % space), number / space);
    }

    static readonly long[] Multipliers = [1_000_003, 999_983, 1_299_709];
}
