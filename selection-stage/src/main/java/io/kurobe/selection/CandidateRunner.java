package io.kurobe.selection;

import io.kurobe.data.Connector;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.ResultColumn;
import io.kurobe.data.guard.GuardPolicy;
import io.kurobe.data.guard.GuardVerdict;
import io.kurobe.data.guard.SqlGuard;
import io.kurobe.data.jdbc.SqlText;

import java.util.ArrayList;
import java.util.List;

/**
 * Executes candidates whose outcome is missing: each passes the SQL guard for the connection's schema first
 * (a refusal is an outcome like an error), then runs on the connector within the limits.
 */
public final class CandidateRunner {
    private final SqlGuard guard = new SqlGuard();
    private final ExecutionLimits limits;

    public CandidateRunner(ExecutionLimits limits) {
        this.limits = limits;
    }

    /** One candidate: its author and SQL. */
    public record Proposal(String system, String sql) {
    }

    public List<Attempt> run(Connector connector, GuardPolicy policy, List<Proposal> proposals) {
        List<Attempt> attempts = new ArrayList<>(proposals.size());
        for (Proposal p : proposals) {
            attempts.add(run(connector, policy, p));
        }
        return attempts;
    }

    public Attempt run(Connector connector, GuardPolicy policy, Proposal proposal) {
        if (proposal.sql() == null || proposal.sql().isBlank()) {
            return Attempt.failed(proposal.system(), proposal.sql(), "empty SQL");
        }
        GuardVerdict verdict = guard.check(proposal.sql(), policy);
        if (!verdict.isAccepted()) {
            return Attempt.failed(proposal.system(), proposal.sql(), "refused by the guard: " + verdict.reason());
        }
        try {
            QueryResult result = connector.execute(verdict.sql(), limits);
            if (result.truncated()) {
                return Attempt.failed(proposal.system(), proposal.sql(), "more than " + limits.rowCap() + " rows");
            }
            List<String> columns = result.columns().stream().map(ResultColumn::name).toList();
            return Attempt.returned(proposal.system(), proposal.sql(), columns, result.rows(),
                    SqlText.hasTopLevelOrderBy(proposal.sql()));
        } catch (QueryFailedException e) {
            return Attempt.failed(proposal.system(), proposal.sql(), e.getMessage());
        }
    }
}
