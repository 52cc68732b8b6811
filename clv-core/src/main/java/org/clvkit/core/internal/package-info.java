/**
 * Implementation details shared by clvkit modules (argument checks, numerics, small linear
 * algebra). Not API: anything here may change in any release.
 */
package org.clvkit.core.internal;
