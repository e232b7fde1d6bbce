using Crm.Customers.Domain;

namespace Crm.Customers.Demo;

/// <summary>One demo customer with its contacts (<see cref="Customer.Contacts"/>), follow-ups and tags, ready to be
/// written; the id is given when it is written.</summary>
internal sealed record DemoCustomer(Customer Customer, FollowUp[] FollowUps, int[] TagIds);

/// <summary>Builds a customer from its code number and a seed of the run. Thread-safe: the random source is a local
/// value per customer, so a batch is built on all cores.</summary>
internal sealed class DemoCustomerBuilder(DemoWorld world, PiiProtector protector, DateTime now, long runSeed)
{
    const double IndividualShare = 0.08;
    const int HistoryDays = 3 * 365;
    // Candidates for a check character, tried against the module's own validator (so its algorithm lives only there).
    const string CodeCharacters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const string IdCheckCharacters = "0123456789X";
    static readonly DateOnly EarliestBirth = new(1960, 1, 1);
    const int BirthDays = 16_000;

    readonly int totalSectionWeight = world.Sections.Sum(s => s.Weight);
    readonly DateOnly today = DateOnly.FromDateTime(now);

    public DemoCustomer Build(long number)
    {
        var random = new DemoRandom((ulong)runSeed ^ ((ulong)number * 0x9E3779B97F4A7C15UL));
        var region = world.Districts[random.Int(world.Districts.Length)];
        var kind = random.Chance(IndividualShare) ? CustomerKind.Individual : CustomerKind.Enterprise;
        var owner = world.Owners[random.Int(world.Owners.Length)];
        var created = now.AddSeconds(-random.Int(HistoryDays * 86_400));

        string name;
        string? creditCode = null, idCipher = null, industry = null, size = null, sectionCode = null;
        byte[]? idHash = null;
        DateOnly? founded = null;
        if (kind == CustomerKind.Enterprise)
        {
            var section = PickSection(ref random);
            sectionCode = section.Code;
            industry = section.Divisions[random.Int(section.Divisions.Length)];
            name = DemoNames.Enterprise(number, region.City, section.Terms);
            // 9 = registered with market regulation, 1 = company; the organisation part is the code number spread
            // over nine digits (one-to-one), so credit codes are unique whenever code numbers are.
            creditCode = WithCheckCharacter($"91{region.Code}{number * 1_000_003 % 1_000_000_000:D9}", CodeCharacters, CreditCode.IsValid);
            size = world.Sizes[random.Int(world.Sizes.Length)];
            founded = DateOnly.FromDateTime(created).AddDays(-random.Int(30 * 365));
        }
        else
        {
            name = DemoNames.Person(number);
            var birthAndSequence = number * 1_000_003 % (BirthDays * 1000L);
            var birth = EarliestBirth.AddDays((int)(birthAndSequence / 1000));
            var idNumber = WithCheckCharacter($"{region.Code}{birth:yyyyMMdd}{birthAndSequence % 1000:D3}", IdCheckCharacters, ResidentId.IsValid);
            idCipher = protector.Protect(idNumber);
            idHash = protector.Hash(idNumber);
        }

        var status = random.Next(100) switch
        {
            < 35 => CustomerStatus.Potential,
            < 60 => CustomerStatus.Intent,
            < 90 => CustomerStatus.Deal,
            _ => CustomerStatus.Lost,
        };
        // Log-normal around 80,000 yuan: most customers are normal or mid value, a few percent high.
        decimal? amount = status is CustomerStatus.Deal or CustomerStatus.Lost || random.Chance(0.3)
            ? Math.Round((decimal)Math.Exp(Math.Log(80_000) + 1.2 * random.Gaussian()), 0)
            : null;

        DateOnly? contractDate = null, firstPayment = null, expiry = null;
        decimal? contractAmount = null;
        int? satisfaction = null;
        if (status == CustomerStatus.Deal)
        {
            contractDate = DateOnly.FromDateTime(created.AddDays(random.Next(Math.Max(1, (int)(now - created).TotalDays))));
            contractAmount = Math.Round((amount ?? 50_000m) * (0.5m + random.Int(100) / 100m), 0);
            var paid = contractDate.Value.AddDays(7 + random.Int(60));
            firstPayment = paid <= today ? paid : null;
            expiry = contractDate.Value.AddYears(1 + random.Int(3));
            satisfaction = 3 + random.Int(3);
        }

        var contacts = Contacts(ref random, kind == CustomerKind.Individual ? name : null, region);
        var followUps = FollowUps(ref random, created, contacts[0].Name);
        var lastFollowUp = followUps.Length > 0 ? followUps[^1].At : (DateTime?)null;
        var updated = created.AddSeconds(random.Next((long)(now - created).TotalSeconds + 1));
        if (lastFollowUp > updated) updated = lastFollowUp.Value;

        var customer = new Customer
        {
            Code = Data.CodeSequence.Format(number), Name = name, NameKey = CustomerNameKey.Normalize(name), NameCore = CustomerNameCore.Of(name), Kind = kind,
            CreditCode = creditCode, IdNumberCipher = idCipher, IdNumberHash = idHash, IndustryCode = industry, RegionCode = region.Code, SizeCode = size,
            FoundedOn = founded, Address = $"{region.Address}{DemoWords.Streets[random.Int(DemoWords.Streets.Length)]}{1 + random.Int(999)}号",
            SourceCode = world.Sources[random.Int(world.Sources.Length)], StatusCode = status, AnnualAmount = amount, ValueTierCode = ValueTier.For(amount),
            OwnerId = owner.Id, DepartmentId = owner.DepartmentId, ContractDate = contractDate, ContractAmount = contractAmount, FirstPaymentDate = firstPayment,
            ServiceExpiryDate = expiry, Satisfaction = satisfaction,
            Abnormal = status == CustomerStatus.Lost && random.Chance(0.2) ? AbnormalState.ChurnRisk : AbnormalState.None,
            LastFollowUpAt = lastFollowUp, CreatedAt = created, CreatedBy = owner.Id, UpdatedAt = updated, Contacts = contacts,
        };
        foreach (var contact in contacts) contact.CreatedAt = contact.UpdatedAt = created;
        foreach (var followUp in followUps)
        {
            followUp.CreatedBy = owner.Id;
            followUp.CreatedAt = followUp.At;
            if (followUp.NextAction is not null) followUp.NextActionOwnerId = owner.Id;
        }
        return new DemoCustomer(customer, followUps, Tags(ref random, status, customer.ValueTierCode, region, sectionCode, size));
    }

    DemoSection PickSection(ref DemoRandom random)
    {
        var pick = random.Int(totalSectionWeight);
        foreach (var section in world.Sections)
        {
            if (pick < section.Weight) return section;
            pick -= section.Weight;
        }
        return world.Sections[^1];
    }

    List<Contact> Contacts(ref DemoRandom random, string? individual, DemoRegion region)
    {
        var count = individual is not null ? 1 : random.Next(100) switch { < 40 => 1, < 80 => 2, _ => 3 };
        var contacts = new List<Contact>(count);
        for (var i = 0; i < count; i++)
        {
            var name = i == 0 && individual is not null ? individual : DemoNames.PersonName(random.Next(long.MaxValue));
            var mobile = PhoneNumbers.NormalizeMobile(
                DemoWords.MobilePrefixes[random.Int(DemoWords.MobilePrefixes.Length)] + random.Int(100_000_000).ToString("D8"))!;
            var office = random.Chance(0.6)
                ? PhoneNumbers.NormalizeLandline($"{DemoWords.AreaCodes.GetValueOrDefault(region.Code[..2], "010")}-{2 + random.Int(7)}{random.Int(10_000_000):D7}")
                : null;
            var email = random.Chance(0.7)
                ? EmailAddress.Normalize(
                    $"{DemoWords.SurnamePinyin[random.Int(DemoWords.SurnamePinyin.Length)]}{DemoWords.GivenPinyin[random.Int(DemoWords.GivenPinyin.Length)]}" +
                    $"{(random.Chance(0.5) ? random.Int(1000).ToString() : "")}@{DemoWords.MailDomains[random.Int(DemoWords.MailDomains.Length)]}")
                : null;
            contacts.Add(new Contact
            {
                Name = name, Position = individual is not null ? "本人" : DemoWords.Positions[random.Int(DemoWords.Positions.Length)],
                MobileCipher = protector.Protect(mobile), MobileHash = protector.Hash(mobile),
                OfficePhoneCipher = office is null ? null : protector.Protect(office), OfficePhoneHash = office is null ? null : protector.Hash(office),
                EmailCipher = email is null ? null : protector.Protect(email), EmailHash = email is null ? null : protector.Hash(email),
                IsPrimary = i == 0, DecisionRoleCode = world.DecisionRoles[random.Int(world.DecisionRoles.Length)],
            });
        }
        return contacts;
    }

    FollowUp[] FollowUps(ref DemoRandom random, DateTime created, string contactName)
    {
        var count = random.Int(6);
        var span = (long)(now - created).TotalMinutes;
        var times = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            var at = created.AddMinutes(random.Next(span + 1));
            times[i] = new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, DateTimeKind.Utc);
        }
        Array.Sort(times);
        var followUps = new FollowUp[count];
        for (var i = 0; i < count; i++)
        {
            var newest = i == count - 1;
            var due = random.Chance(newest ? 0.5 : 0.3) ? times[i].AddDays(3 + random.Int(12)) : (DateTime?)null;
            followUps[i] = new FollowUp
            {
                At = times[i], MethodCode = world.FollowUpMethods[random.Int(world.FollowUpMethods.Length)], TheirParticipants = contactName,
                Summary = DemoWords.FollowUpSummaries[random.Int(DemoWords.FollowUpSummaries.Length)],
                Result = DemoWords.FollowUpResults[random.Int(DemoWords.FollowUpResults.Length)],
                NextAction = due is null ? null : DemoWords.NextActions[random.Int(DemoWords.NextActions.Length)], NextActionDue = due,
                NextActionDone = due is not null && (!newest || (due < now && random.Chance(0.8))),
                // Actions already overdue in the generated history count as reminded: a new demo database must not
                // mail its owners about thousands of invented past actions at the first reminder run.
                ReminderSentAt = due < now ? now : null,
            };
        }
        return followUps;
    }

    /// <summary>1–5 tags, about 3 on average: the ones that follow from the customer's data (cooperation status, value,
    /// area, industry, size) and some need traits and custom ones.</summary>
    int[] Tags(ref DemoRandom random, string status, string tier, DemoRegion region, string? section, string? size)
    {
        var tags = world.Tags;
        Span<int> candidates = stackalloc int[10];
        var n = 0;
        void Add(int? id, Span<int> into)
        {
            if (id is { } value && !into[..n].Contains(value)) into[n++] = value;
        }
        Add(tags.Find(status switch
        {
            CustomerStatus.Potential => "潜在客户",
            CustomerStatus.Intent => "意向客户",
            CustomerStatus.Deal => "成交客户",
            _ => "流失客户",
        }), candidates);
        Add(tags.Find(tier switch { ValueTier.High => "高价值", ValueTier.Mid => "中价值", _ => "普通价值" }), candidates);
        Add(tags.Find(DemoWords.AreaTag(region.Code)), candidates);
        if (section is not null)
            Add(tags.Find(section switch
            {
                "C" => "制造业", "I" => "IT服务", "D" => "新能源", "J" => "金融", "Q" => "医疗健康", "P" => "教育", "F" => "零售", "G" => "物流",
                _ => "",
            }), candidates);
        if (size is not null)
        {
            var rank = Array.IndexOf(world.Sizes, size);
            Add(tags.Find(rank <= 1 ? "小微企业" : rank == 2 ? "中型企业" : "大型企业"), candidates);
        }
        if (tags.NeedTraits.Length > 0) Add(tags.NeedTraits[random.Int(tags.NeedTraits.Length)], candidates);
        if (tags.Custom.Length > 0)
        {
            Add(tags.Custom[random.Int(tags.Custom.Length)], candidates);
            Add(tags.Custom[random.Int(tags.Custom.Length)], candidates);
        }

        var want = random.Next(100) switch { < 10 => 1, < 35 => 2, < 65 => 3, < 85 => 4, _ => 5 };
        var take = Math.Min(want, n);
        // A partial Fisher–Yates shuffle picks `take` of the candidates.
        for (var i = 0; i < take; i++)
        {
            var j = i + random.Int(n - i);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }
        return candidates[..take].ToArray();
    }

    static string WithCheckCharacter(string body, string candidates, Func<string, bool> isValid)
    {
        foreach (var c in candidates)
        {
            var code = body + c;
            if (isValid(code)) return code;
        }
        throw new InvalidOperationException($"no check character makes {body}… valid");
    }
}

/// <summary>SplitMix64: a small, fast random source held by value, one per customer.</summary>
internal struct DemoRandom(ulong seed)
{
    ulong state = seed;

    public ulong NextRaw()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public long Next(long maxExclusive) => (long)(NextRaw() % (ulong)maxExclusive);

    public int Int(int maxExclusive) => (int)(NextRaw() % (ulong)maxExclusive);

    public double Double() => (NextRaw() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => Double() < probability;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - Double())) * Math.Cos(2 * Math.PI * Double());
}
