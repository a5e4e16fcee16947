"""GradBench's gmm: the tool's objective and sct's gradient (bench/gradbench/gmm.py) and the
eval's independent reference (bench/gradbench/eval/gmm.py) against ADBench's conformance values
on gmm/test.txt.

ADBench's code adds the Wishart prior term P = Σₖ [½γ²(‖exp(qₖ)‖² + ‖lₖ‖²) − m Σⱼ qₖⱼ] − K·C
where GradBench (PROTOCOL.md, and its C++ reference) subtracts it, so ADBench's values are
GradBench's objective + 2P, and its gradient GradBench's + 2∇P (∇P: γ² exp(2q) − m in q,
γ² l in l, nothing in alpha and mu).
"""
import math

import numpy as np
import pytest
import scipy.special

from bench import gmm_data
from bench.gradbench import gmm
from bench.gradbench.eval import driver
from bench.gradbench.eval import gmm as gmm_eval


@pytest.fixture(scope="module")
def test_case():
    inst = gmm_data.test_instance()
    data = gmm_eval.gradbench_input(inst)
    return inst, data, gmm.arguments(data)


def adbench_prior(inst):
    d, K, m, gamma = inst.d, inst.K, inst.wishart_m, inst.wishart_gamma
    q, l = inst.icf[:, :d], inst.icf[:, d:]
    dof = d + m + 1
    C = dof * d * (math.log(gamma) - 0.5 * math.log(2)) - scipy.special.multigammaln(0.5 * dof, d)
    value = 0.5 * gamma ** 2 * (np.sum(np.exp(q) ** 2) + np.sum(l ** 2)) - m * np.sum(q) - K * C
    grad_icf = np.concatenate([gamma ** 2 * np.exp(2 * q) - m, gamma ** 2 * l], axis=1)
    return value, np.concatenate([np.zeros(K + K * d), grad_icf.ravel()])


def adbench_flat(grads, d):
    """{alpha, mu, q, l} -> ADBench's flat gradient: alpha, mu, then icf = [q, l] per row."""
    alpha, mu, q, l = (np.asarray(grads[k], dtype=float) for k in ("alpha", "mu", "q", "l"))
    return np.concatenate([alpha.ravel(), mu.ravel(), np.concatenate([q, l], axis=1).ravel()])


def test_reference_reproduces_adbench_conformance(test_case):
    inst, data, _ = test_case
    prior, grad_prior = adbench_prior(inst)
    value = gmm_eval.log_posterior(data) + 2 * prior
    assert gmm_data.adbench_close(value, gmm_data.CONFORMANCE_OBJECTIVE)
    flat = adbench_flat(gmm_eval.gradient(data), inst.d) + 2 * grad_prior
    assert gmm_data.adbench_close(flat, gmm_data.CONFORMANCE_GRADIENT, tol=1e-7)


def test_tool_reproduces_adbench_conformance(test_case):
    inst, data, args = test_case
    functions = gmm.define()
    prior, grad_prior = adbench_prior(inst)
    value = functions["objective"].compute(*args)
    assert gmm_data.adbench_close(value + 2 * prior, gmm_data.CONFORMANCE_OBJECTIVE)
    out = functions["jacobian"].output(functions["jacobian"].compute(*args))
    assert set(out) == {"alpha", "mu", "q", "l"}
    assert np.shape(out["mu"]) == (3, 2) and np.shape(out["l"]) == (3, 1)
    flat = adbench_flat(out, inst.d) + 2 * grad_prior
    assert gmm_data.adbench_close(flat, gmm_data.CONFORMANCE_GRADIENT)


def test_lower_part_is_filled_column_by_column():
    """d = 4: l[k] = (Q10, Q20, Q30, Q21, Q31, Q32); the tool agrees with the loop reference
    (and not with the row-by-row order) on an instance where the order matters."""
    inst = gmm_data.generate(4, 2, 5, seed=7)
    data = gmm_eval.gradbench_input(inst)
    value = gmm.objective(*gmm.arguments(data))
    assert abs(value - gmm_eval.log_posterior(data)) < 1e-9 * max(1.0, abs(value))
    rows, cols = np.tril_indices(4, -1)                  # row by row: Q10, Q20, Q21, ...
    by_rows = np.zeros((4, 4))
    by_rows[rows, cols] = inst.icf[0, 4:]
    assert not np.allclose(by_rows, gmm_eval.factor(inst.icf[0, :4], inst.icf[0, 4:])
                           - np.diag(np.exp(inst.icf[0, :4])))


def test_gradbench_rule_rejects_the_adbench_sign_of_the_prior(test_case):
    inst, data, _ = test_case
    prior, _ = adbench_prior(inst)
    assert driver.compare(gmm_eval.log_posterior(data) + 2 * prior,
                          gmm.objective(*gmm.arguments(data))) != []
